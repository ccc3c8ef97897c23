import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync } from 'fastify'

/** The generated employee avatars (`packages/server/assets/pictures/`), the same from src/ and dist/. */
export const PICTURES_DIR = fileURLToPath(new URL('../../assets/pictures/', import.meta.url))

/** Serves the employee pictures at `/pictures/<username>.svg` (public: sample data, shown before anyone signs in). */
export const pictureRoutes: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: PICTURES_DIR,
    prefix: '/pictures/',
    // Leaves reply.sendFile free for the app's own static registration.
    decorateReply: false,
    index: false,
    maxAge: '1d',
  })
}
