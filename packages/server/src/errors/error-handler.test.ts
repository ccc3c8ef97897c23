import { describe, expect, it } from 'vitest'
import { api, useTestServer } from '../test-support/app-helpers.js'

describe('error responses', () => {
  const server = useTestServer({
    setup: (app) => {
      app.get('/test/crash', async () => {
        throw new Error('secret internal detail')
      })
    },
  })

  it('answers an unknown route with JSON 404', async () => {
    const response = await api(server.http, 'GET', '/api/nothing-here?x=1')
    expect(response.status).toBe(404)
    expect(response.body).toEqual({
      code: 'TETHER_NOT_FOUND',
      message: expect.stringContaining('GET /api/nothing-here'),
    })
  })

  it('answers a plain GET on a WebSocket endpoint with JSON 404', async () => {
    const response = await api(server.http, 'GET', '/websocket/echo')
    expect(response.status).toBe(404)
    expect(response.body).toEqual({ code: 'TETHER_NOT_FOUND', message: expect.stringContaining('WebSocket endpoint') })
  })

  it('answers malformed JSON with TETHER_BAD_REQUEST', async () => {
    const response = await api(server.http, 'POST', '/api/auth/login', { body: '{"username":' })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('TETHER_BAD_REQUEST')
  })

  it('hides unexpected faults behind TETHER_INTERNAL with the request id', async () => {
    const response = await api(server.http, 'GET', '/test/crash')
    expect(response.status).toBe(500)
    expect(response.body.code).toBe('TETHER_INTERNAL')
    expect(response.body.message).not.toContain('secret')
  })

  it('refuses bodies over the limit with TETHER_PAYLOAD_TOO_LARGE', async () => {
    const response = await api(server.http, 'POST', '/api/auth/login', {
      body: { username: 'x'.repeat(2 * 1024 * 1024), password: 'x' },
    })
    expect(response.status).toBe(413)
    expect(response.body.code).toBe('TETHER_PAYLOAD_TOO_LARGE')
  })
})
