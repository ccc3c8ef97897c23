import { CloseCodes } from '@tether/core'

/** What a user whose session ended reads on the sign-in form: no codes, no URLs. */
export const SIGNED_OUT_NOTICE = 'You were signed out. Sign in again.'

/** The WebSocket class and fetch a secured app's variables use, so a refused session is noticed. */
export interface SessionWatch {
  WebSocket: typeof WebSocket
  fetch: typeof fetch
}

/**
 * Watches the app's own server for the end of the session: a WebSocket closed with 4401 or an HTTP 401.
 * `onEnded` gets the developer's detail (close code, URL) for the console; the app then shows its
 * sign-in form instead of an error no user can act on. Other hosts' 401s and 4401s are theirs to mean.
 *
 * @example
 * const watch = watchSession(location, (detail) => console.warn(detail))
 * createAppRuntime({ ...options, WebSocket: watch.WebSocket, fetch: watch.fetch })
 */
export function watchSession(server: { host: string }, onEnded: (detail: string) => void): SessionWatch {
  const isOwn = (url: string) => {
    try {
      return new URL(url, `http://${server.host}`).host === server.host
    } catch {
      return false
    }
  }

  class SessionWatchingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      const address = String(url)
      if (!isOwn(address)) return
      this.addEventListener('close', (event) => {
        if (event.code === CloseCodes.NOT_AUTHENTICATED)
          onEnded(`${address} closed with ${event.code}${event.reason ? ` (${event.reason})` : ''}`)
      })
    }
  }

  const watchedFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (response.status === 401 && isOwn(response.url)) onEnded(`${init?.method ?? 'GET'} ${response.url} answered 401`)
    return response
  }

  return { WebSocket: SessionWatchingWebSocket, fetch: watchedFetch }
}
