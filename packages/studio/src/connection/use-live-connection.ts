import { useEffect, useState, useSyncExternalStore } from 'react'
import { renewOwnSession } from '../api/renew-own-session.js'
import { studioApi } from '../api/studio-api.js'
import { LiveConnection, type LiveSnapshot } from './live-connection.js'

const diagnose = async (url: string, protocols: string[]) => (await studioApi.diagnose(url, protocols)).message

/** A test connection owned by the calling panel; it is closed when the panel goes away. */
export function useLiveConnection(): [LiveConnection, LiveSnapshot] {
  const [connection] = useState(() => new LiveConnection(globalThis.WebSocket, diagnose, renewOwnSession))
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot)
  useEffect(() => () => connection.disconnect(), [connection])
  return [connection, snapshot]
}
