// 实名认证's page logic: the form's checks in the rules' words, the two-call face verification (and
// the local one-call stand-in), where the person goes afterwards, and WeChat's face-check failures.
import {
  CONSENT,
  afterVerify,
  checkIdentityForm,
  claimOf,
  identityErrors,
  verifyIdentity,
  verifyUrl,
  type IdentityForm,
  type VerifyDeps,
  type VerifyReply,
} from '../../src/pages/verify/model'
import { faceFailure, runFaceCheck } from '../../src/services/face-verify.weapp'
import type { ApiReply } from '../../src/services/api'
import { TODAY, residentId } from '../rules/fixtures'

const SON_ID = residentId('511702', '19850315', '011')
const form: IdentityForm = { name: '张伟', idType: 'resident_id', idNumber: SON_ID }
const verified = {
  verified: true as const,
  name: '张伟',
  idType: 'resident_id' as const,
  idTypeLabel: '居民身份证',
  idNumberMasked: '511***********011X',
  method: 'wechat_face' as const,
  verifiedAt: '2026-11-22T02:00:00.000Z', consentCurrent: true,
}

describe('the form, checked before the camera opens', () => {
  test('the rules\' own messages for the name and the number', () => {
    expect(checkIdentityForm({ name: '', idType: 'resident_id', idNumber: '' }, TODAY)).toEqual({ name: '请输入姓名', idNumber: '请输入证件号码' })
    expect(checkIdentityForm({ ...form, name: '张' }, TODAY).name).toBe('姓名至少2个字，请输入证件上的完整姓名')
    const wrongDigit = SON_ID.slice(0, 17) + (SON_ID.endsWith('0') ? '1' : '0')
    expect(checkIdentityForm({ ...form, idNumber: wrongDigit }, TODAY).idNumber).toMatch(/校验/)
    expect(checkIdentityForm(form, TODAY)).toEqual({})
  })

  test('what is sent is normalised as the server would (spaces around, 全角 digits)', () => {
    const fullWidth = SON_ID.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0))
    expect(claimOf({ name: ' 张伟 ', idType: 'resident_id', idNumber: ` ${fullWidth} ` }, TODAY)).toEqual(form)
  })

  test('server issues land on their field; a lost face session goes on top', () => {
    expect(
      identityErrors([
        { path: 'idNumber', message: '证件号码不对' },
        { path: 'idNumber', message: 'second' },
        { path: 'verifyResult', message: '人脸核身已过期，请重新核验' },
      ]),
    ).toEqual({ idNumber: '证件号码不对', '': '人脸核身已过期，请重新核验' })
  })
})

/** A fake backend answering each call in turn, recording what it was sent. */
function backend(...replies: ApiReply<VerifyReply>[]) {
  const sent: unknown[] = []
  const faces: string[] = []
  const deps = (face: VerifyDeps['face'] = async () => ({ ok: true })): VerifyDeps => ({
    verify: async (claim) => {
      sent.push(claim)
      return replies.shift()!
    },
    face: async (verifyId) => {
      faces.push(verifyId)
      return face(verifyId)
    },
  })
  return { sent, faces, deps }
}

describe('verifying', () => {
  test('locally: one call, verified at once (the stand-in), no face check', async () => {
    const standin = { ...verified, method: 'dev_standin' as const }
    const { sent, faces, deps } = backend({ ok: true, data: standin })
    expect(await verifyIdentity(form, deps())).toEqual({ kind: 'verified', identity: standin })
    expect(sent).toEqual([{ ...form, consent: CONSENT }])
    expect(faces).toEqual([])
  })

  test('deployed: a face session, the face check on it, then the same claim with verifyResult', async () => {
    const { sent, faces, deps } = backend({ ok: true, data: { verified: false, verifyId: 'vid-1' } }, { ok: true, data: verified })
    expect(await verifyIdentity(form, deps())).toEqual({ kind: 'verified', identity: verified })
    expect(faces).toEqual(['vid-1'])
    expect(sent).toEqual([{ ...form, consent: CONSENT }, { ...form, consent: CONSENT, verifyResult: 'vid-1' }])
  })

  test('a face check that did not finish stops there, in words', async () => {
    const { sent, deps } = backend({ ok: true, data: { verified: false, verifyId: 'vid-1' } })
    const outcome = await verifyIdentity(form, deps(async () => ({ ok: false, cancelled: true, message: '您取消了人脸核身。' })))
    expect(outcome).toEqual({ kind: 'face', cancelled: true, message: '您取消了人脸核身。' })
    expect(sent).toHaveLength(1)
  })

  test('the backend refusing the result: its issues by field (verifyResult on top)', async () => {
    const { deps } = backend(
      { ok: true, data: { verified: false, verifyId: 'vid-1' } },
      { ok: false, error: { code: 'VALIDATION', message: '人脸核身没有通过', issues: [{ path: 'verifyResult', message: '人脸核身没有通过，请本人重新核验' }] } },
    )
    expect(await verifyIdentity(form, deps())).toEqual({ kind: 'invalid', errors: { '': '人脸核身没有通过，请本人重新核验' } })
  })

  test('the claim refused at once (only 居民身份证 deployed; too many tries)', async () => {
    const idType = { ok: false as const, error: { code: 'VALIDATION' as const, message: 'x', issues: [{ path: 'idType', message: '微信人脸核身只支持居民身份证' }] } }
    expect(await verifyIdentity(form, backend(idType).deps())).toEqual({ kind: 'invalid', errors: { idType: '微信人脸核身只支持居民身份证' } })
    const limited = { ok: false as const, error: { code: 'RATE_LIMITED' as const, message: '操作太频繁，请稍后再试' } }
    expect(await verifyIdentity(form, backend(limited).deps())).toEqual({ kind: 'failed', code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' })
  })
})

describe('afterwards', () => {
  test('back to the page that sent the person (an app page only), else the page below, else home', () => {
    expect(afterVerify(encodeURIComponent('/pages/file/index'), 1)).toEqual({ kind: 'redirect', url: '/pages/file/index' })
    expect(afterVerify(encodeURIComponent('/pages/file/index?from=YD20261122-7K3M9Q'), 1)).toEqual({ kind: 'redirect', url: '/pages/file/index?from=YD20261122-7K3M9Q' })
    expect(afterVerify('https://evil.example/', 3)).toEqual({ kind: 'back' })
    expect(afterVerify('%E0%A4%A', 1)).toEqual({ kind: 'home' })
    expect(afterVerify(undefined, 2)).toEqual({ kind: 'back' })
    expect(afterVerify(undefined, 1)).toEqual({ kind: 'home' })
  })

  test('the link to the page carries where to come back to', () => {
    expect(verifyUrl('/pages/file/index')).toBe('/pages/verify/index?next=%2Fpages%2Ffile%2Findex')
    expect(verifyUrl()).toBe('/pages/verify/index')
    const next = new URLSearchParams(verifyUrl('/pages/file/index?from=YD1').split('?')[1]).get('next')!
    expect(afterVerify(encodeURIComponent(next), 1)).toEqual({ kind: 'redirect', url: '/pages/file/index?from=YD1' })
  })
})

describe('WeChat 人脸核身 on the device (weapp)', () => {
  const root = globalThis as { wx?: unknown }
  afterEach(() => {
    delete root.wx
  })

  test('failures in words the person can act on', () => {
    expect(faceFailure({ errMsg: 'requestFacialVerify:fail', errCode: 90003 })).toMatchObject({ cancelled: true })
    expect(faceFailure({ errMsg: 'fail', errCode: 90008 })).toMatchObject({ cancelled: false, message: expect.stringContaining('摄像头') })
    expect(faceFailure({ errMsg: 'fail', errCode: 90001 })).toMatchObject({ cancelled: false, message: expect.stringContaining('不支持') })
    expect(faceFailure(undefined)).toMatchObject({ cancelled: false, message: expect.stringContaining('重试') })
  })

  test('an old WeChat without requestFacialVerify (base library < 3.8.12) is told to upgrade', async () => {
    root.wx = {}
    expect(await runFaceCheck('vid-1')).toMatchObject({ ok: false, message: expect.stringContaining('升级微信') })
  })

  test('runs wx.requestFacialVerify on the session and settles on its callback', async () => {
    const calls: string[] = []
    root.wx = {
      requestFacialVerify: (option: { verifyId: string; success: () => void; fail: (r: unknown) => void }) => {
        calls.push(option.verifyId)
        if (option.verifyId === 'ok') option.success()
        else option.fail({ errMsg: 'requestFacialVerify:fail', errCode: 90002 })
      },
    }
    expect(await runFaceCheck('ok')).toEqual({ ok: true })
    expect(await runFaceCheck('no')).toMatchObject({ ok: false, cancelled: true })
    expect(calls).toEqual(['ok', 'no'])
  })
})
