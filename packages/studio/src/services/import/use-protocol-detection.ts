import type { ProtocolDetection } from '@tether/core'
import { useCallback, useEffect, useRef, useState } from 'react'
import { studioApi } from '../../api/studio-api.js'

/** What detection says about one URL. */
export type DetectionState =
  | { url: string; status: 'detecting' }
  | { url: string; status: 'done'; result: ProtocolDetection }
  | { url: string; status: 'failed'; message: string }

/** How long the URL must stay unchanged before the server is asked (no request per keystroke). */
export const DETECT_AFTER_TYPING_MS = 800

/** A URL worth asking about: complete, with a service scheme and a host. */
const detectable = (url: string) => {
  if (!URL.canParse(url.trim())) return false
  const parsed = new URL(url.trim())
  return ['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol) && parsed.host !== ''
}

/**
 * Detects what `url` speaks once it stays unchanged for a moment, and again on `detectNow` (Test),
 * through the server (`studioApi.detectProtocol`). `onDetected` hears each result for the URL still
 * shown; answers about a URL since changed are dropped.
 */
export function useProtocolDetection(
  url: string,
  onDetected: (result: ProtocolDetection) => void,
): { detection: DetectionState | null; detectNow: () => void } {
  const [detection, setDetection] = useState<DetectionState | null>(null)
  const current = useRef(url)
  current.current = url
  const heard = useRef(onDetected)
  heard.current = onDetected
  const asked = useRef<string | null>(null)

  // Reads the URL shown and the listener through refs, so it never changes.
  const detect = useCallback((target: string) => {
    asked.current = target
    setDetection({ url: target, status: 'detecting' })
    studioApi
      .detectProtocol(target)
      .then((result) => {
        if (current.current.trim() !== target) return
        setDetection({ url: target, status: 'done', result })
        heard.current(result)
      })
      .catch((error: Error) => {
        if (current.current.trim() === target) setDetection({ url: target, status: 'failed', message: error.message })
      })
  }, [])

  useEffect(() => {
    const target = url.trim()
    if (!detectable(target) || asked.current === target) return
    const timer = setTimeout(() => detect(target), DETECT_AFTER_TYPING_MS)
    return () => clearTimeout(timer)
  }, [url, detect])

  const shown = detection !== null && detection.url === url.trim() ? detection : null
  return {
    detection: shown,
    detectNow: () => {
      const target = url.trim()
      if (detectable(target) && asked.current !== target) detect(target)
    },
  }
}
