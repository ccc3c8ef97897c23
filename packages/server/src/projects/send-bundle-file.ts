import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { FastifyReply } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

/**
 * Sends a file of a built single-page bundle (Vite's `dist-app`): `path` inside `bundleDir`, or its
 * index.html for anything else (in-app routes, and paths that would leave the folder). Answers 503 with
 * `buildHint` while the bundle is not built.
 *
 * @example
 * app.get('/studio/*', (request, reply) => sendBundleFile(reply, studioDir, request.params['*'], 'Run `npm run build`.'))
 */
export async function sendBundleFile(
  reply: FastifyReply,
  bundleDir: string,
  path: string,
  buildHint: string,
): Promise<FastifyReply> {
  if (!existsSync(join(bundleDir, 'index.html'))) {
    throw new ApiError(503, ApiErrorCodes.APP_NOT_BUILT, `The bundle in ${bundleDir} is not built yet. ${buildHint}`)
  }
  // Resolve inside bundleDir only: a path that normalizes outside it is treated as an in-app route.
  const wanted = normalize(join(bundleDir, path || 'index.html'))
  const inside = wanted.startsWith(bundleDir + sep) && existsSync(wanted) && extname(wanted) !== ''
  const file = inside ? wanted : join(bundleDir, 'index.html')
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
  // Hashed assets never change; index.html must always be fresh.
  reply.header('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
  return reply.type(type).send(await readFile(file))
}
