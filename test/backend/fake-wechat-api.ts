// A stand-in of WeChat's server API for 人脸核身 2.0, as documented (developers.weixin.qq.com,
// miniprogram/dev/server/API/face/): stable_token, getverifyid, queryverifyinfo. It keeps each
// session's out_seq_no, cert_info and openid, and answers queryverifyinfo only for the same three —
// computing cert_hash on its own, from the documentation's recipe — as WeChat says it does.
// `face(verifyId, verifyRet)` plays the person's face check on the phone (wx.requestFacialVerify).
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeWechatApi {
  url: string
  appId: string
  appSecret: string
  /** The result WeChat will report for a session: 10000 passed; 90002… cancelled; 90011 invalid face data… */
  face(verifyId: string, verifyRet: number): void
  /** Every call, in order: the path (without the token) and the body. */
  calls: { path: string; body: Record<string, unknown> }[]
  /** Makes the current access token expire (the next call gets 42001). */
  expireToken(): void
  close(): Promise<void>
}

interface Session {
  outSeqNo: string
  certInfo: { cert_type: string; cert_name: string; cert_no: string }
  openid: string
  verifyRet: number | null
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')
const hashOf = (c: Session['certInfo']) =>
  createHash('sha256').update(`cert_type=${b64(c.cert_type)}&cert_name=${b64(c.cert_name)}&cert_no=${b64(c.cert_no)}`).digest('hex')

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const appId = 'wx-test-appid'
  const appSecret = 'test-secret'
  const sessions = new Map<string, Session>()
  const calls: FakeWechatApi['calls'] = []
  let tokens = 0
  let token = ''

  const answer = (path: string, query: URLSearchParams, body: Record<string, unknown>): Record<string, unknown> => {
    if (path === '/cgi-bin/stable_token') {
      if (body.grant_type !== 'client_credential' || body.appid !== appId || body.secret !== appSecret) return { errcode: 40013, errmsg: 'invalid appid' }
      token = `token-${(tokens += 1)}`
      return { access_token: token, expires_in: 7200 }
    }
    if (query.get('access_token') !== token || token === '') return { errcode: 42001, errmsg: 'access_token expired' }
    if (path === '/cityservice/face/identify/getverifyid') {
      const certInfo = body.cert_info as Session['certInfo'] | undefined
      const outSeqNo = String(body.out_seq_no ?? '')
      if (!/^[A-Za-z0-9_-]{5,32}$/.test(outSeqNo) || !certInfo?.cert_name || !certInfo.cert_no || typeof body.openid !== 'string') {
        return { errcode: 47001, errmsg: 'data format error' }
      }
      const verifyId = `vid-${sessions.size + 1}-${outSeqNo}`
      sessions.set(verifyId, { outSeqNo, certInfo, openid: body.openid, verifyRet: null })
      return { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: 3600 }
    }
    if (path === '/cityservice/face/identify/queryverifyinfo') {
      const session = sessions.get(String(body.verify_id))
      if (!session) return { errcode: 84001, errmsg: 'invalid verify_id' }
      if (session.outSeqNo !== body.out_seq_no || session.openid !== body.openid || hashOf(session.certInfo) !== body.cert_hash) {
        return { errcode: 84006, errmsg: 'cert_info or openid mismatch' }
      }
      // Not done on the phone yet: WeChat reports a system error rather than a pass.
      return { errcode: 0, errmsg: 'ok', verify_ret: session.verifyRet ?? 90018 }
    }
    return { errcode: 40066, errmsg: 'invalid url' }
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://wechat.test')
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {}
      calls.push({ path: url.pathname, body })
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(answer(url.pathname, url.searchParams, body)))
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    calls,
    face(verifyId, verifyRet) {
      const session = sessions.get(verifyId)
      if (!session) throw new Error(`no session ${verifyId}`)
      session.verifyRet = verifyRet
    },
    expireToken() {
      token = 'expired'
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  }
}
