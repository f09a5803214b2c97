// H5: browsers have no subscribe messages; the reminder is shown on the home page instead.
import type { Conforms } from './reminder-subscription'

export async function askForExpiryReminder(): Promise<void> {}

export type H5ReminderSubscription = Conforms<typeof import('./reminder-subscription.h5')>
