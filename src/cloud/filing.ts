// Cloud function `filing`: the person's actions.
import { serve } from './runtime'

export const main = serve('filing')
