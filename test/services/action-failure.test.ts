// The action layer's answer in a page's terms (services/action-failure): one rule for field
// messages (the first per field), and each refusal by kind.
import { failureOf } from '../../src/services/action-failure'

test('VALIDATION: the first message per field, by the page\'s key', () => {
  const failure = failureOf(
    {
      code: 'VALIDATION',
      message: '请检查',
      issues: [
        { path: 'materials.0.fileId', message: '第一' },
        { path: 'materials.1.fileId', message: '第二' },
        { path: 'reason', message: '请填写原因' },
      ],
    },
    (path) => path.split('.')[0],
  )
  expect(failure).toMatchObject({ kind: 'invalid', errors: { materials: '第一', reason: '请填写原因' } })
})

test('CONFLICT, LOCKED (with its day), NETWORK and the rest keep the code and message', () => {
  expect(failureOf({ code: 'CONFLICT', message: 'm' })).toEqual({ kind: 'conflict', code: 'CONFLICT', message: 'm' })
  expect(failureOf({ code: 'LOCKED', message: 'm', allowedFrom: '2027-01-01' })).toEqual({ kind: 'locked', code: 'LOCKED', message: 'm', allowedFrom: '2027-01-01' })
  expect(failureOf({ code: 'NETWORK', message: 'm' }).kind).toBe('network')
  expect(failureOf({ code: 'UNVERIFIED', message: 'm' })).toEqual({ kind: 'refused', code: 'UNVERIFIED', message: 'm' })
  expect(failureOf({ code: 'VALIDATION', message: 'm' }).kind).toBe('refused')
})
