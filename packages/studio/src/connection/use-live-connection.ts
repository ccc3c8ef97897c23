import { useEffect, useState, useSyncExternalStore } from 'react'
import { renewSession } from '../api/session-renewal.js'
import { studioApi } from '../api/studio-api.js'
import { LiveConnection, type LiveSnapshot } from './live-connection.js'

const diagnose = async (url: string, protocols: string[]) => (await studioApi.diagnose(url, protocols)).message

/**
 * A 4401 from this server (its services or its proxy) while the studio is signed out: the studio's own
 * session ended, so the admin signs in again. Any other 4401 is the tested service's own answer.
 */
async function renewOwnSession(url: string): Promise<boolean | null> {
  if (new URL(url, window.location.href).host !== window.location.host) return null
  if ((await studioApi.me()).isAuthenticated) return null
  return renewSession()
}

/** A test connection owned by the calling panel; it is closed when the panel goes away. */
export function useLiveConnection(): [LiveConnection, LiveSnapshot] {
  const [connection] = useState(() => new LiveConnection(globalThis.WebSocket, diagnose, renewOwnSession))
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot)
  useEffect(() => () => connection.disconnect(), [connection])
  return [connection, snapshot]
}
