// What every step of the wizard gets from the wizard page.
import type { Draft, PersonContext, StepId } from './draft'
import type { FilingView } from './views'

export interface StepProps {
  draft: Draft
  /** Applies a change to the draft (kept in storage at once). */
  update: (change: (draft: Draft) => Draft) => void
  /** Messages by field path (`applicant.idNumber`), shown under their field. */
  errors: Record<string, string>
  /** Sets (message) or clears (null) one field's message, e.g. the destination check on selection. */
  setError: (path: string, message: string | null) => void
  context: PersonContext
  /** The person's own filings (`filing.mine`), empty until they arrive. */
  mine: FilingView[]
  /** The check page's 修改 links. */
  goTo: (step: StepId) => void
  /** Leaves the wizard by `go` (lib/step-back: its back guard comes down first). */
  leave: (go: () => void) => void
}
