// Cloud function `admin`: the back office's actions (staff from the `staff` collection).
import { serve } from './runtime'

export const main = serve('admin')
