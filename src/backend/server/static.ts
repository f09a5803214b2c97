// The H5 build (dist/h5) as static files, with the browser router's fallback to index.html.
//
// - GET and HEAD only; a folder serves its index.html.
// - An unknown path without a file extension gets index.html (Taro's browser router); an unknown
//   path that looks like a file (`/js/missing.js`) gets 404, so a broken asset is not hidden.
// - Paths that leave the folder (`..`, `%2e%2e`, backslashes, NUL bytes, symlinks pointing
//   outside) are refused with 400/403.
// - No build yet: `/` and app routes answer a short page saying how to make one.
// - JS, CSS, HTML and JSON go out as the brotli or gzip copy the build wrote beside them
//   (config/h5-assets.ts) when the request's Accept-Encoding takes it, with `Vary: Accept-Encoding`.
// - Content-hashed files (`app.1b0b0963.js`) are cached for a year as immutable; index.html and
//   anything else unhashed is revalidated (`no-cache`) so a new build shows at once.
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

const NO_BUILD_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>异地就医备案 · 本地服务</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.6">
<h1>异地就医备案 · 本地服务已启动</h1>
<p>还没有找到网页版（H5）的构建结果。请先运行 <code>npm run build:h5</code>，然后刷新本页；或直接运行 <code>npm start</code>（构建后再启动服务）。</p>
<p>接口已可使用：<code>POST /api/filing</code>、<code>POST /api/admin</code>、<code>POST /api/upload</code>。</p>
</body></html>
`

/** True when `child` is `parent` or inside it (both absolute, resolved). */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

type Resolved = { status: 400 | 403 } | { file: string; size: number } | { missing: string }

/** Maps a request path to a file under `realRoot`. */
async function resolveRequest(realRoot: string, rawUrl: string): Promise<Resolved> {
  let rawPath: string
  let pathname: string
  try {
    // The raw path too: the URL parser would quietly resolve `/a/../b`, and a `..` is refused
    // outright rather than reinterpreted.
    rawPath = decodeURIComponent(rawUrl.split(/[?#]/, 1)[0])
    pathname = decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname)
  } catch {
    return { status: 400 }
  }
  for (const p of [rawPath, pathname]) {
    if (p.includes('\0') || p.includes('\\')) return { status: 400 }
    if (p.split('/').some((segment) => segment === '..' || segment === '.')) return { status: 403 }
  }

  const candidate = resolve(realRoot, `.${pathname}`)
  if (!isInside(realRoot, candidate)) return { status: 403 }

  let file = candidate
  let info = await stat(file).catch(() => null)
  if (info?.isDirectory()) {
    file = join(file, 'index.html')
    info = await stat(file).catch(() => null)
  }
  if (!info?.isFile()) return { missing: pathname }

  // Symlinks must not lead outside the root either.
  const real = await realpath(file).catch(() => null)
  if (!real || !isInside(realRoot, real)) return { status: 403 }
  return { file: real, size: info.size }
}

function sendText(res: ServerResponse, status: number, message: string): void {
  const body = `${status} ${message}\n`
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

function sendHtml(req: IncomingMessage, res: ServerResponse, html: string): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-cache',
  })
  res.end(req.method === 'HEAD' ? undefined : html)
}

/** Files whose name carries webpack's content hash (`[name].[contenthash:8].js`): their bytes never change. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/
const PRECOMPRESSED = /\.(js|mjs|css|html|json)$/

/** The codings the client accepts with q > 0 (RFC 9110 §12.5.3), lower-cased; `*` stands for any. */
export function acceptedCodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>()
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [rawName, ...params] = part.toLowerCase().split(';')
    const name = rawName.trim()
    if (!name) continue
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name)
  }
  return accepted
}

/** The precompressed copy to send, if the build made one and the client takes it: brotli first, then gzip. */
async function pickEncoding(req: IncomingMessage, file: string): Promise<{ coding: 'br' | 'gzip'; file: string; size: number } | null> {
  const accepted = acceptedCodings(req.headers['accept-encoding'])
  for (const [coding, ext] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accepted.has(coding) && !accepted.has('*')) continue
    const info = await stat(file + ext).catch(() => null)
    // Beside its file and not a symlink elsewhere, like the file itself.
    if (info?.isFile() && (await realpath(file + ext).catch(() => null)) === file + ext) return { coding, file: file + ext, size: info.size }
  }
  return null
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, size: number): Promise<void> {
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  const cache = HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'
  const compressible = PRECOMPRESSED.test(file)
  const encoded = compressible ? await pickEncoding(req, file) : null
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': encoded ? encoded.size : size,
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
    ...(encoded ? { 'Content-Encoding': encoded.coding } : {}),
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(encoded ? encoded.file : file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** Serves `root` (checked on every request, so a build made while the server runs shows at once). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    sendText(res, 405, 'Method Not Allowed')
    return
  }
  const realRoot = await realpath(resolve(root)).catch(() => null)
  const rootInfo = realRoot ? await stat(realRoot).catch(() => null) : null
  if (!realRoot || !rootInfo?.isDirectory()) {
    const path = (req.url ?? '/').split(/[?#]/, 1)[0]
    if (extname(path) === '') return sendHtml(req, res, NO_BUILD_PAGE)
    return sendText(res, 404, 'Not Found')
  }

  const result = await resolveRequest(realRoot, req.url ?? '/')
  if ('status' in result) return sendText(res, result.status, result.status === 400 ? 'Bad Request' : 'Forbidden')
  if ('file' in result) return sendFile(req, res, result.file, result.size)
  // Unknown path: an app route gets index.html; a missing asset gets 404.
  const fallback = join(realRoot, 'index.html')
  const fallbackInfo = await stat(fallback).catch(() => null)
  if (fallbackInfo?.isFile() && extname(result.missing) === '') return sendFile(req, res, fallback, fallbackInfo.size)
  return sendText(res, 404, 'Not Found')
}
