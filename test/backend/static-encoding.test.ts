// The H5 static server's precompressed files and caching (issue 14, item 3): brotli or gzip copies
// chosen by Accept-Encoding with Vary, a year's immutable caching for content-hashed files only,
// no-cache for index.html, and the copies held to the same rules as the files.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { acceptedCodings, serveStatic } from '../../src/backend/server/static'

const APP_JS = 'console.log("异地就医备案");'.repeat(200)
const INDEX = `<!doctype html><title>app</title><div id="app"></div>${' '.repeat(2000)}`

let root: string
let server: Server
let port: number

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'static-enc-'))
  const dir = join(root, 'h5')
  mkdirSync(join(dir, 'js'), { recursive: true })
  writeFileSync(join(dir, 'index.html'), INDEX)
  writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(INDEX))
  writeFileSync(join(dir, 'index.html.gz'), gzipSync(INDEX))
  writeFileSync(join(dir, 'js/app.1b0b0963.js'), APP_JS)
  writeFileSync(join(dir, 'js/app.1b0b0963.js.br'), brotliCompressSync(APP_JS))
  writeFileSync(join(dir, 'js/app.1b0b0963.js.gz'), gzipSync(APP_JS))
  writeFileSync(join(dir, 'js/plain.js'), APP_JS)
  writeFileSync(join(dir, 'js/onlygz.2c0c0964.js'), APP_JS)
  writeFileSync(join(dir, 'js/onlygz.2c0c0964.js.gz'), gzipSync(APP_JS))
  writeFileSync(join(root, 'outside.br'), brotliCompressSync('not the app'))
  writeFileSync(join(dir, 'js/linked.3d0d0965.js'), APP_JS)
  symlinkSync(join(root, 'outside.br'), join(dir, 'js/linked.3d0d0965.js.br'))
  writeFileSync(join(dir, 'favicon.ico'), Buffer.from([0, 0, 1, 0]))
  server = createServer((req, res) => void serveStatic(req, res, dir))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(root, { recursive: true, force: true })
})

/** A raw request (fetch would add its own Accept-Encoding and decode the body). */
function get(path: string, acceptEncoding?: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path, method, headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('Accept-Encoding', () => {
  test('parsed with q-values: q=0 refuses a coding', () => {
    expect([...acceptedCodings('gzip, deflate, br')]).toEqual(['gzip', 'deflate', 'br'])
    expect([...acceptedCodings('br;q=0, gzip;q=0.8')]).toEqual(['gzip'])
    expect([...acceptedCodings('BR ; q=1.0')]).toEqual(['br'])
    expect([...acceptedCodings(undefined)]).toEqual([])
  })

  test('brotli when the client takes it, decoding to the very file', async () => {
    const res = await get('/js/app.1b0b0963.js', 'gzip, deflate, br')
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(Number(res.headers['content-length'])).toBe(res.body.length)
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5)
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS)
  })

  test('gzip when brotli is refused or absent', async () => {
    const refused = await get('/js/app.1b0b0963.js', 'br;q=0, gzip')
    expect(refused.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(refused.body).toString()).toBe(APP_JS)
    const noBr = await get('/js/onlygz.2c0c0964.js', 'br, gzip')
    expect(noBr.headers['content-encoding']).toBe('gzip')
  })

  test('the file itself without Accept-Encoding, still with Vary so a cache keeps them apart', async () => {
    const res = await get('/js/app.1b0b0963.js')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.body.toString()).toBe(APP_JS)
  })

  test('HEAD gives the length of what GET would send', async () => {
    const head = await get('/js/app.1b0b0963.js', 'br', 'HEAD')
    const body = await get('/js/app.1b0b0963.js', 'br')
    expect(head.body.length).toBe(0)
    expect(head.headers['content-length']).toBe(String(body.body.length))
  })

  test('a copy that is a symlink out of the folder is not sent', async () => {
    const res = await get('/js/linked.3d0d0965.js', 'br')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.body.toString()).toBe(APP_JS)
  })

  test('index.html, and an app route falling back to it, go compressed too', async () => {
    for (const path of ['/', '/pages/index/index']) {
      const res = await get(path, 'br')
      expect(res.headers['content-encoding']).toBe('br')
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX)
    }
  })

  test('an image is sent as it is, with no Vary', async () => {
    const res = await get('/favicon.ico', 'br, gzip')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/x-icon')
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.headers.vary).toBeUndefined()
  })
})

describe('Cache-Control', () => {
  test('content-hashed files: a year, immutable', async () => {
    expect((await get('/js/app.1b0b0963.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  test('index.html, app routes and unhashed files: revalidated every time', async () => {
    for (const path of ['/', '/index.html', '/pages/index/index', '/js/plain.js', '/favicon.ico']) {
      expect((await get(path)).headers['cache-control']).toBe('no-cache')
    }
  })
})
