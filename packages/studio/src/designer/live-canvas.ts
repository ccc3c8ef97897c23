import { CloseCodes, type WebSocketServiceDefinition } from '@tether/core'
import { tetherCss } from '@tether/react'
import {
  type AppRuntime,
  createAppRuntime,
  LoggedInUserVariable,
  type NotificationCenter,
  type PageDefinition,
  type VariableDefinition,
} from '@tether/runtime'
import { useEffect, useRef, useState } from 'react'
import { renewOwnSession } from '../api/renew-own-session.js'
import type { PreviewSends } from './preview-sends.js'

/** The canvas's WebSocket class, telling `onSignedOut` of each close with 4401 (no session). */
function watchingSignOut(Base: typeof WebSocket, onSignedOut: (url: string) => void): typeof WebSocket {
  return class extends Base {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.addEventListener('close', (event) => {
        if (event.code === CloseCodes.NOT_AUTHENTICATED) onSignedOut(String(url))
      })
    }
  }
}

/**
 * The runtime's stylesheet for the canvas: its `body` rule applies to the canvas instead of the
 * studio's page, and full-height layouts fit the canvas.
 */
export function injectCanvasCss(doc: Document = document): void {
  if (doc.getElementById('tether-canvas-css')) return
  const style = doc.createElement('style')
  style.id = 'tether-canvas-css'
  style.textContent = tetherCss.replace(/(^|\n)body \{/, '$1.designer-canvas {').replace(/(^|\n)\* \{[^}]*\}/, '$1')
  doc.head.appendChild(style)
}

interface CanvasApp {
  project: string
  title: string
  appVariables: Record<string, VariableDefinition>
  services: Record<string, WebSocketServiceDefinition>
  notifications: NotificationCenter
  /** Where the canvas's sends are logged, and held back unless `sending` is on. */
  sends: PreviewSends
  /** Whether the canvas really sends to services; switching it reconnects the canvas's variables. */
  sending: boolean
}

/**
 * The app scope for the canvas (loggedInUser, app variables), recreated when those change — and once
 * the admin has signed in again after the studio's session ended under it, so its sockets reconnect.
 */
export function useCanvasApp({
  project,
  title,
  appVariables,
  services,
  notifications,
  sends,
  sending,
}: CanvasApp): AppRuntime | null {
  const [app, setApp] = useState<AppRuntime | null>(null)
  const [signIns, setSignIns] = useState(0)
  const key = JSON.stringify([appVariables, services, signIns])
  // biome-ignore lint/correctness/useExhaustiveDependencies: recreated only when the variables or services really change (key)
  useEffect(() => {
    const loggedInUser = new LoggedInUserVariable({ isSecurityEnabled: true })
    void loggedInUser.refresh()
    // Every socket closed by the ended session asks; the sign-in dialog is shared, the canvas restarts once.
    let restarting = false
    const onSignedOut = (url: string) =>
      void renewOwnSession(url).then((signedIn) => {
        if (signedIn !== true || restarting) return
        restarting = true
        setSignIns((count) => count + 1)
      })
    const created = createAppRuntime({
      project: { name: project, title, variables: appVariables, security: { enabled: true } },
      services,
      prepareService: (definition) => {
        const prepared = sends.prepare(definition, window.location, project, sending)
        return { ...prepared, WebSocket: watchingSignOut(prepared.WebSocket ?? WebSocket, onSignedOut) }
      },
      loggedInUser,
      // The canvas shows each failure's detail under its widget; the console only hears of it.
      reportFailure: (variable, failure) => console.info(`[tether] preview: variable "${variable}"`, failure),
      navigate: (page) => notifications.notify(`Navigates to "${page}" in the running app.`, 'info'),
      notify: notifications.notify,
    })
    setApp(created)
    return () => created.dispose()
  }, [key, project, title, notifications, sends, sending])
  return app
}

/**
 * The page object handed to `PageView`. PageView recreates the page's variables (reconnecting their
 * sockets and emptying their data) whenever its `page` prop changes identity; the designer changes the
 * page on every edit. So the object stays the same while the variables are unchanged and only its
 * widgets are replaced — the canvas keeps streaming while widgets are dropped and bound.
 * (Asked of @tether/react: a PageView that takes the widgets separately, or export `renderNodes`.)
 */
export function useLivePage(page: PageDefinition): PageDefinition {
  const key = JSON.stringify([page.name, page.variables])
  const live = useRef<{ key: string; page: PageDefinition } | null>(null)
  if (live.current === null || live.current.key !== key) live.current = { key, page: { ...page } }
  live.current.page.widgets = page.widgets
  live.current.page.title = page.title
  return live.current.page
}
