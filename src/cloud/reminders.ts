// Cloud function `reminders`: a daily timer (config.json) sends each person whose filing ends within
// 30 days one subscribe message (template id from env REMINDER_TEMPLATE_ID).
import { runReminders } from '../backend/reminders'
import { run, sdk } from './runtime'

export async function main() {
  return run('reminders', (ctx) =>
    runReminders(ctx, async ({ touser, templateId, data }) => {
      await sdk.openapi.subscribeMessage.send({ touser, templateId, page: 'pages/index/index', data })
    }),
  )
}
