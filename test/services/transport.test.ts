// The API client's retry rule (src/services/transport.ts): transport failures are retried with the
// very same request, a server reply never is, and the end of the road is NETWORK in Chinese.
import { asReply, NETWORK_MESSAGE, TransportError, withRetries } from '../../src/services/transport'

const noSleep = { sleep: async () => {} }

test('a reply on the first try is returned as it is', async () => {
  const send = jest.fn(async () => ({ ok: true as const, data: 1 }))
  await expect(withRetries(send, noSleep)).resolves.toEqual({ ok: true, data: 1 })
  expect(send).toHaveBeenCalledTimes(1)
})

test('a server error reply is not retried (it is an answer)', async () => {
  const reply = { ok: false as const, error: { code: 'LOCKED' as const, message: '锁定中', allowedFrom: '2026-07-11' } }
  const send = jest.fn(async () => reply)
  await expect(withRetries(send, noSleep)).resolves.toBe(reply)
  expect(send).toHaveBeenCalledTimes(1)
})

test('transport failures are retried 3 times after the first try, waiting longer each time, then NETWORK', async () => {
  const waits: number[] = []
  const send = jest.fn(async () => {
    throw new TypeError('Failed to fetch')
  })
  const reply = await withRetries(send, { sleep: async (ms) => void waits.push(ms) })
  expect(send).toHaveBeenCalledTimes(4)
  expect(waits).toEqual([400, 1000, 2000])
  expect(reply).toEqual({ ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } })
  expect(NETWORK_MESSAGE).toBe('网络连接不稳定，请检查网络后重试。')
})

test('a failure and then a reply: the reply wins', async () => {
  let calls = 0
  const send = async () => {
    calls += 1
    if (calls < 3) throw new TransportError('gateway page')
    return { ok: true as const, data: 'filed' }
  }
  await expect(withRetries(send, noSleep)).resolves.toEqual({ ok: true, data: 'filed' })
  expect(calls).toBe(3)
})

test('asReply accepts the protocol and refuses anything else as transport', () => {
  expect(asReply({ ok: true, data: { a: 1 } })).toEqual({ ok: true, data: { a: 1 } })
  expect(asReply({ ok: false, error: { code: 'CONFLICT', message: '已被修改' } })).toMatchObject({ ok: false })
  expect(() => asReply('<html>502</html>')).toThrow(TransportError)
  expect(() => asReply({ ok: false })).toThrow(TransportError)
  expect(() => asReply(undefined)).toThrow(TransportError)
})
