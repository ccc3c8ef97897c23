import { useEffect, useState, useSyncExternalStore } from 'react'
import { LiveConnection, type LiveSnapshot } from './live-connection.js'

/** A test connection owned by the calling panel; it is closed when the panel goes away. */
export function useLiveConnection(): [LiveConnection, LiveSnapshot] {
  const [connection] = useState(() => new LiveConnection())
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot)
  useEffect(() => () => connection.disconnect(), [connection])
  return [connection, snapshot]
}
