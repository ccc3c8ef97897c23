import { renewSession } from './session-renewal.js'
import { studioApi } from './studio-api.js'

/**
 * A socket of this server (a tested service, the proxy, the canvas's variables) was closed with 4401.
 * When the studio is signed out, its own session ended: the admin is asked to sign in again (true once
 * signed in, false when declined). Null when the 4401 is not about the studio's session — another
 * host's service, or a service refusing its own login through the proxy — so it is explained as is.
 */
export async function renewOwnSession(url: string): Promise<boolean | null> {
  if (new URL(url, window.location.href).host !== window.location.host) return null
  if ((await studioApi.me()).isAuthenticated) return null
  return renewSession()
}
