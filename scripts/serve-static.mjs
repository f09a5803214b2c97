#!/usr/bin/env node
// A tiny dependency-free static file server for the H5 build (`npm start`).
//
//   node scripts/serve-static.mjs [dir]        dir defaults to dist/h5
//   PORT=9000 HOST=0.0.0.0 node scripts/serve-static.mjs
//
// - GET and HEAD only; serves files under `dir`, `index.html` for a folder.
// - An unknown path without a file extension gets `dir/index.html` (Taro's browser router).
//   An unknown path that looks like a file (`/js/missing.js`) gets a 404, so a broken asset is
//   not hidden behind HTML.
// - Paths that leave `dir` (`..`, encoded `%2e%2e`, backslashes, NUL bytes, symlinks pointing
//   outside) are refused with 400/403.
// - Ctrl-C / SIGTERM close the server and exit 0.
//
// Temporary: the local backend server replaces this in a later issue.
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import process from 'node:process'

const MIME_TYPES = {
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

const root = resolve(process.argv[2] ?? 'dist/h5')
const port = parsePort(process.env.PORT ?? '8080')
const host = process.env.HOST ?? '127.0.0.1'

function parsePort(value) {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`serve-static: PORT must be an integer 0-65535, got "${value}"`)
    process.exit(2)
  }
  return n
}

/** True when `child` is `parent` or inside it (both absolute, resolved). */
function isInside(parent, child) {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Maps a request path to a file under `realRoot`.
 * Returns { status } for a refusal, { file, size } for a file, or { missing: true }.
 */
async function resolveRequest(realRoot, rawUrl) {
  let rawPath
  let pathname
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
  if (!info?.isFile()) return { missing: true, pathname }

  // Symlinks must not lead outside the root either.
  const real = await realpath(file).catch(() => null)
  if (!real || !isInside(realRoot, real)) return { status: 403 }
  return { file: real, size: info.size }
}

function sendStatus(res, status, message) {
  const body = `${status} ${message}\n`
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

function sendFile(req, res, file, size, status = 200) {
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  // Hashed assets can be cached; HTML must always be fresh so a new build shows at once.
  const cache = type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600'
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': size,
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(file)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

async function main() {
  const rootInfo = await stat(root).catch(() => null)
  if (!rootInfo?.isDirectory()) {
    console.error(`serve-static: ${root} is not a folder. Build it first: npm run build:h5`)
    process.exit(1)
  }
  const realRoot = await realpath(root)
  const fallback = join(realRoot, 'index.html')
  const fallbackInfo = await stat(fallback).catch(() => null)

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD')
        sendStatus(res, 405, 'Method Not Allowed')
        return
      }
      const result = await resolveRequest(realRoot, req.url ?? '/')
      if (result.status === 400) return sendStatus(res, 400, 'Bad Request')
      if (result.status === 403) return sendStatus(res, 403, 'Forbidden')
      if (result.file) return sendFile(req, res, result.file, result.size)
      // Unknown path: an app route gets index.html; a missing asset gets 404.
      if (fallbackInfo?.isFile() && extname(result.pathname) === '') {
        return sendFile(req, res, fallback, fallbackInfo.size)
      }
      return sendStatus(res, 404, 'Not Found')
    } catch (error) {
      console.error('serve-static:', error)
      if (!res.headersSent) sendStatus(res, 500, 'Internal Server Error')
      else res.destroy()
    }
  })

  server.on('error', (error) => {
    console.error(`serve-static: ${error.message}`)
    process.exit(1)
  })

  server.listen(port, host, () => {
    const address = server.address()
    const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host
    console.log(`Serving ${relative(process.cwd(), realRoot) || '.'} at http://${shownHost}:${address.port}/`)
    console.log('Press Ctrl-C to stop.')
  })

  let stopping = false
  const stop = (signal) => {
    if (stopping) process.exit(1) // a second Ctrl-C: leave at once
    stopping = true
    console.log(`\n${signal}: stopping the server.`)
    server.close(() => process.exit(0))
    server.closeIdleConnections?.()
    // Keep-alive connections from a browser must not hold the exit up.
    setTimeout(() => {
      server.closeAllConnections?.()
      process.exit(0)
    }, 1000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main()
