// Asking for the expiry reminder when a person files (see api.d.ts for the platform-file pattern).
// weapp: WeChat's subscribe message (one message per "allow", so it is asked at each filing).
// H5: no subscribe messages; the reminder shows on the home page from the outbox.

/**
 * Asks to send one expiry reminder; must run in the tap that submits (WeChat's rule). Never
 * rejects: a refusal or a missing template only means no message, the filing goes on.
 */
export declare function askForExpiryReminder(): Promise<void>

export interface ReminderSubscriptionModule {
  askForExpiryReminder: typeof askForExpiryReminder
}

export type Conforms<M extends ReminderSubscriptionModule> = M
