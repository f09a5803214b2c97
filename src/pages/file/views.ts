// What the backend sends the wizard and the result page (types only: nothing of the backend is bundled).
import type { personView } from '../../backend/views'

/** A filing as its owner sees it (`filing.submit`, `filing.get`, `filing.mine`). */
export type FilingView = ReturnType<typeof personView>
