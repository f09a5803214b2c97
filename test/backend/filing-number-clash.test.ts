// Filing numbers are random (src/backend/domain/filing-number.ts), so two filings can draw the same
// one. Here the generator is made to repeat itself: the second person's filing must still be stored,
// under a number of its own, and the first one must be untouched.
import { residentId } from '../rules/fixtures'
import { at, startTestServer, type TestServer } from './http'

const drawn: string[] = []
jest.mock('../../src/backend/domain/filing-number', () => {
  const actual = jest.requireActual('../../src/backend/domain/filing-number')
  let calls = 0
  return {
    newFilingNumber: (filedOn: string) => {
      calls += 1
      // The first three draws are the same number; later ones are random as usual.
      const number = calls <= 3 ? 'YD20261122-ABCDEF' : actual.newFilingNumber(filedOn)
      drawn.push(number)
      return number
    },
  }
})

let api: TestServer
beforeAll(async () => {
  api = await startTestServer()
})
afterAll(async () => {
  await api.close()
})

/** A 达州 person going to 深圳 for treatment (转诊), with the commitment. */
function referral(name: string, sequence: string) {
  return {
    requestId: `request-${sequence}`,
    policyId: 'dazhou',
    category: 'referral',
    applicant: { name, idType: 'resident_id', idNumber: residentId('511702', '19600101', sequence), phone: '13812345678' },
    destination: { provinceCode: '110000' },
    startDate: '2026-11-22',
    commitment: { accepted: true, signature: name },
    referral: { hospitalName: '达州市中心医院', hospitalLevel: 'grade3a', certificateDate: '2026-11-20' },
  }
}

test('a filing whose number is already taken is stored under another number', async () => {
  const now = at('2026-11-22')
  const first = await api.call('filing', 'submit', referral('张伟', '011'), { openid: 'p-first', now })
  expect(first.body.error).toBeUndefined()
  expect(first.body).toMatchObject({ ok: true, data: { id: 'YD20261122-ABCDEF' } })

  const second = await api.call('filing', 'submit', referral('李娜', '022'), { openid: 'p-second', now })
  expect(second.status).toBe(200)
  expect(second.body.data.id).toMatch(/^YD20261122-[2-9A-Z]{6}$/)
  expect(second.body.data.id).not.toBe('YD20261122-ABCDEF')
  // Two clashes (draws 2 and 3), then a free number.
  expect(drawn).toHaveLength(4)

  const mine = await api.call('filing', 'get', { id: 'YD20261122-ABCDEF' }, { openid: 'p-first', now })
  expect(mine.body.data.applicant.name).toBe('张伟')
  const theirs = await api.call('filing', 'mine', {}, { openid: 'p-second', now })
  expect(theirs.body.data.filings.map((f: { id: string }) => f.id)).toEqual([second.body.data.id])
})
