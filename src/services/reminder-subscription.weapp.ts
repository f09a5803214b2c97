// weapp: ask for one expiry-reminder subscribe message (sent by the reminders cloud function 30 days
// before the end date).
import Taro from '@tarojs/taro'
import { REMINDER_TEMPLATE_ID, REMINDER_TEMPLATE_PLACEHOLDER } from './cloud-env'
import type { Conforms } from './reminder-subscription'

export async function askForExpiryReminder(): Promise<void> {
  if (REMINDER_TEMPLATE_ID === REMINDER_TEMPLATE_PLACEHOLDER) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds: [REMINDER_TEMPLATE_ID], entityIds: [] })
  } catch (error) {
    // Declined, or the template is not on this account: the filing goes on without a message.
    console.warn('requestSubscribeMessage:', error)
  }
}

export type WeappReminderSubscription = Conforms<typeof import('./reminder-subscription.weapp')>
