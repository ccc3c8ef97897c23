import type { NotificationCenter } from '@tether/runtime'
import { type ReactNode, useEffect, useSyncExternalStore } from 'react'

/** The toast region; each toast disappears after `timeoutMs` (default 5 s) or on click. */
export function Notifications({
  center,
  timeoutMs = 5000,
}: {
  center: NotificationCenter
  timeoutMs?: number
}): ReactNode {
  const items = useSyncExternalStore(center.subscribe, center.getSnapshot, center.getSnapshot)
  const newest = items[items.length - 1]
  useEffect(() => {
    if (!newest) return
    const timer = setTimeout(() => center.dismiss(newest.id), timeoutMs)
    return () => clearTimeout(timer)
  }, [center, newest, timeoutMs])
  return (
    <div className="tether-notifications" aria-live="polite">
      {items.map((item) => (
        <button
          type="button"
          key={item.id}
          className={`tether-toast tether-toast-${item.level}`}
          onClick={() => center.dismiss(item.id)}
        >
          {item.message}
        </button>
      ))}
    </div>
  )
}
