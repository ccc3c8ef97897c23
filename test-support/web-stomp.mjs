// RabbitMQ's Web-STOMP plugin, as `.ci/run` enables it: STOMP over WebSocket at ws://127.0.0.1:15674/ws
// (user guest/guest, loopback only). Tests that need it skip with a notice when it does not answer.
import WebSocket from 'ws'

export const WEB_STOMP_URL = process.env.TEST_WEB_STOMP_URL ?? 'ws://127.0.0.1:15674/ws'
export const WEB_STOMP_LOGIN = { username: 'guest', password: 'guest' }

/**
 * Whether Web-STOMP accepts a WebSocket with the `v12.stomp` subprotocol (within `timeoutMs`).
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
export function webStompAvailable(timeoutMs = 5000) {
  return new Promise((resolve) => {
    const socket = new WebSocket(WEB_STOMP_URL, ['v12.stomp'], { handshakeTimeout: timeoutMs })
    socket.once('open', () => {
      socket.close()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** @param {string} suite */
export function webStompSkipNotice(suite) {
  console.warn(`[skipped] ${suite}: RabbitMQ Web-STOMP does not answer at ${WEB_STOMP_URL} (.ci/run enables it).`)
}
