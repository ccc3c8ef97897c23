import { isTetherError } from '@tether/core'
import {
  type AppRuntime,
  canOpenPage,
  createAppRuntime,
  LoggedInUserVariable,
  NotificationCenter,
  type ScriptHandler,
  welcomesVisitors,
} from '@tether/runtime'
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import { Notifications } from '../page-view/Notifications.js'
import { PageView } from '../page-view/PageView.js'
import { builtInWidgets } from '../widgets/index.js'
import { choosePage } from './choose-page.js'
import { LoginPage } from './LoginPage.js'
import { type LoadedProject, loadPageScript, loadProject, projectListing, SignInRequired } from './load-project.js'
import { NoAccess } from './NoAccess.js'
import { pageFromHash, prepareBrowserService } from './service-url.js'
import { SIGNED_OUT_NOTICE, watchSession } from './session-watch.js'

type AppState =
  | { kind: 'loading' }
  | { kind: 'failed' }
  /** `notice` says why the form is shown when a session ended under the user. */
  | { kind: 'login'; title: string; notice?: string }
  | { kind: 'ready'; loaded: LoadedProject; user: LoggedInUserVariable }

/** Who is signed in to this app: its security provider gives the name and roles (`/api/auth/me?project=`). */
const appUser = (projectName: string, isSecurityEnabled: boolean) =>
  new LoggedInUserVariable({ isSecurityEnabled, url: `/api/auth/me?project=${encodeURIComponent(projectName)}` })

function useHashPage(): string | null {
  const [page, setPage] = useState(() => pageFromHash(location.hash))
  useEffect(() => {
    const onChange = () => setPage(pageFromHash(location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return page
}

/** The browser app: loads the project named in the URL, signs in if needed, routes between pages. */
export function App({ projectName }: { projectName: string }): ReactNode {
  const [state, setState] = useState<AppState>({ kind: 'loading' })
  const [generation, setGeneration] = useState(0)
  const notifications = useMemo(() => new NotificationCenter(), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation re-runs the load after sign-in
  useEffect(() => {
    let cancelled = false
    setState({ kind: 'loading' })
    ;(async () => {
      // A secured project's files need a session (unless some page is open to everyone): ask who is
      // signed in before asking for them.
      const listing = await projectListing(projectName)
      if (listing?.secured && !listing.welcomesVisitors) {
        const visitor = appUser(projectName, true)
        await visitor.refresh()
        if (cancelled) return
        if (!visitor.dataSet.isAuthenticated) throw new SignInRequired(listing.title)
      }
      const loaded = await loadProject(projectName)
      const { security } = loaded.project
      const user = appUser(projectName, security.enabled)
      await user.refresh()
      if (cancelled) return
      // A visitor may stay when some page is open to everyone: each page then says whether to sign in.
      if (security.enabled && !user.dataSet.isAuthenticated && !welcomesVisitors(security)) {
        setState({ kind: 'login', title: loaded.project.title ?? loaded.project.name })
      } else {
        document.title = loaded.project.title ?? loaded.project.name
        setState({ kind: 'ready', loaded, user })
      }
    })().catch((error: unknown) => {
      if (cancelled) return
      if (error instanceof SignInRequired) {
        setState({ kind: 'login', title: error.title })
        return
      }
      console.error('[tether] the project could not be loaded', error, isTetherError(error) ? error.details : [])
      setState({ kind: 'failed' })
    })
    return () => {
      cancelled = true
    }
  }, [projectName, generation])

  // Signing out (a `{ logout: true }` action) leaves a secured app for its sign-in form; the running
  // app unmounts, which closes its sockets.
  useEffect(() => {
    if (state.kind !== 'ready' || !state.loaded.project.security.enabled) return
    const { user, loaded } = state
    return user.subscribe(() => {
      if (!user.dataSet.isAuthenticated && user.getSnapshot().status.state === 'ready')
        setState({ kind: 'login', title: loaded.project.title ?? loaded.project.name })
    })
  }, [state])

  // A session that ends under a running secured app (signed out elsewhere, expired, revoked) leads to
  // the sign-in form; the URL's #/page stays, so signing in comes back to the same page.
  const onSessionEnded = useCallback((detail: string) => {
    console.warn(`[tether] the session ended: ${detail}`)
    setState((current) =>
      current.kind === 'ready'
        ? {
            kind: 'login',
            title: current.loaded.project.title ?? current.loaded.project.name,
            notice: SIGNED_OUT_NOTICE,
          }
        : current,
    )
  }, [])

  if (state.kind === 'loading') return <div className="tether-loading">Loading {projectName}…</div>
  if (state.kind === 'failed') {
    // What failed (and every problem of an invalid file) is on the console; the user learns what to do.
    return (
      <div className="tether-login" role="alert">
        <h1>This app could not start</h1>
        <p className="tether-state-error">Reload the page. If it keeps happening, tell the app's administrator.</p>
      </div>
    )
  }
  if (state.kind === 'login')
    return (
      <LoginPage
        title={state.title}
        project={projectName}
        notice={state.notice ?? null}
        onSignedIn={() => setGeneration((g) => g + 1)}
      />
    )
  return (
    <RunningApp
      loaded={state.loaded}
      user={state.user}
      notifications={notifications}
      onSessionEnded={onSessionEnded}
      onSignedIn={() => setGeneration((g) => g + 1)}
    />
  )
}

function RunningApp({
  loaded,
  user,
  notifications,
  onSessionEnded,
  onSignedIn,
}: {
  loaded: LoadedProject
  user: LoggedInUserVariable
  notifications: NotificationCenter
  onSessionEnded: (detail: string) => void
  onSignedIn: () => void
}): ReactNode {
  const hashPage = useHashPage()
  const [app, setApp] = useState<AppRuntime | null>(null)
  useEffect(() => {
    // Only a signed-in user has a session that can end; a visitor on a page open to everyone has none.
    const watched = loaded.project.security.enabled && user.dataSet.isAuthenticated
    const session = watched ? watchSession(location, onSessionEnded) : {}
    const created = createAppRuntime({
      ...session,
      project: loaded.project,
      services: loaded.services,
      prepareService: (definition) => prepareBrowserService(definition, location, loaded.project.name),
      loggedInUser: user,
      navigate: (page) => {
        location.hash = `#/${encodeURIComponent(page)}`
      },
      notify: notifications.notify,
    })
    setApp(created)
    return () => created.dispose()
  }, [loaded, user, notifications, onSessionEnded])

  const { project } = loaded
  const choice = choosePage(loaded.pages, hashPage, project.homePage)
  // The runtime decides who may open the page; the URL's #/page stays, so signing in comes back here.
  const access = project.pages.includes(choice.name) ? canOpenPage(project.security, choice.name, user.dataSet) : 'open'
  const page = choice.kind === 'page' && access === 'open' ? loaded.pages[choice.name] : undefined
  const [handlers, setHandlers] = useState<{ page: string; handlers: Record<string, ScriptHandler> } | null>(null)
  useEffect(() => {
    if (!page?.script) return
    let cancelled = false
    loadPageScript(page.script)
      .then(
        (loadedHandlers) =>
          !cancelled && setHandlers({ page: page.name, handlers: loadedHandlers as Record<string, ScriptHandler> }),
      )
      .catch((error: unknown) => {
        console.error(`[tether] the page script "${page.script}" could not be loaded`, error)
        notifications.notify("Part of this page couldn't be loaded. Reload the page.", 'error')
      })
    return () => {
      cancelled = true
    }
  }, [page, notifications])

  if (access === 'signIn')
    return <LoginPage title={project.title ?? project.name} project={project.name} onSignedIn={onSignedIn} />
  if (access === 'denied') return <NoAccess user={user} page={choice.name} />
  if (!page) {
    return (
      <div className="tether-widget-error" role="alert" data-page-not-found={choice.name}>
        <p>Page not found: this app has no page "{choice.name}".</p>
        <a href="#/">Go to the home page</a>
      </div>
    )
  }
  if (!app) return <div className="tether-loading">Starting…</div>
  const pageHandlers = page.script ? (handlers?.page === page.name ? handlers.handlers : null) : EMPTY_HANDLERS
  return (
    <>
      {pageHandlers ? (
        <PageView key={page.name} app={app} page={page} widgets={builtInWidgets} handlers={pageHandlers} />
      ) : (
        <div className="tether-loading">Loading the page script…</div>
      )}
      <Notifications center={notifications} />
    </>
  )
}

const EMPTY_HANDLERS: Record<string, ScriptHandler> = {}
