// The CloudBase environment the mini-program's cloud functions run in (云开发控制台 → 环境 ID).
// Replace the placeholder before uploading the mini-program (README "WeChat DevTools"). While it is
// the placeholder, Taro.cloud.init gets no env and WeChat uses the account's default environment.
export const CLOUD_ENV_PLACEHOLDER = 'your-cloudbase-env-id'
export const CLOUD_ENV: string = CLOUD_ENV_PLACEHOLDER

// The subscribe-message template for expiry reminders (公众平台 → 订阅消息; the same id as the
// reminders function's REMINDER_TEMPLATE_ID). While it is the placeholder, filing asks for nothing.
export const REMINDER_TEMPLATE_PLACEHOLDER = 'your-reminder-template-id'
export const REMINDER_TEMPLATE_ID: string = REMINDER_TEMPLATE_PLACEHOLDER
