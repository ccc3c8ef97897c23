import { render } from '@testing-library/react'
import {
  createAppRuntime,
  createFrameScheduler,
  Listeners,
  LoggedInUserVariable,
  type NotifyLevel,
  type PageDefinition,
  type VariableDefinition,
  validatePage,
} from '@tether/runtime'
import type { ReactNode } from 'react'
import { builtInWidgets } from '../../widgets/index.js'
import { PageView } from '../PageView.js'
import type { WidgetRegistry } from '../widget-types.js'

/** A variable the test drives by hand: `push(record)` appends like a WebSocket variable in addAsLast mode. */
export class FakeStreamVariable {
  readonly #listeners = new Listeners()
  sent: unknown[] = []
  #snapshot = {
    dataSet: [] as unknown[],
    firstRecord: undefined as unknown,
    lastRecord: undefined as unknown,
    status: { state: 'open', attempts: 0, lastError: null as null | { code: string; message: string } },
  }

  subscribe(listener: () => void): () => void {
    return this.#listeners.add(listener)
  }
  getSnapshot() {
    return this.#snapshot
  }
  push(record: unknown): void {
    const dataSet = [...this.#snapshot.dataSet, record]
    this.#snapshot = { ...this.#snapshot, dataSet, firstRecord: dataSet[0], lastRecord: record }
    this.#listeners.notify()
  }
  fail(message: string): void {
    this.#snapshot = {
      ...this.#snapshot,
      status: { state: 'error', attempts: 3, lastError: { code: 'TETHER_CONNECT_FAILED', message } },
    }
    this.#listeners.notify()
  }
  send(): void {
    this.sent.push('send')
  }
}

export interface Harness {
  notifications: { message: string; level: NotifyLevel | undefined }[]
  navigations: string[]
  variables: Record<string, FakeStreamVariable>
  unmount(): void
  container: HTMLElement
}

/**
 * Renders a page against an app runtime whose app variables are the given fakes (plus `static`
 * definitions from the page). Updates are flushed on a microtask instead of animation frames.
 */
export function renderPage(
  page: Partial<PageDefinition> & { widgets: unknown[] },
  options: {
    fakes?: string[]
    widgets?: WidgetRegistry
    appVariables?: Record<string, VariableDefinition>
    /** Service definitions for real WebSocket variables (with `WebSocket`, e.g. from `ws`, in Node). */
    services?: Record<string, unknown>
    WebSocket?: typeof WebSocket
    /** PageView's `showErrorDetails` (the studio's preview). */
    showErrorDetails?: boolean
  } = {},
): Harness {
  const notifications: Harness['notifications'] = []
  const navigations: string[] = []
  const app = createAppRuntime({
    project: { name: 'test', title: 'Test', variables: options.appVariables ?? {}, security: { enabled: false } },
    services: options.services ?? {},
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    navigate: (name) => navigations.push(name),
    notify: (message, level) => notifications.push({ message, level }),
    loggedInUser: new LoggedInUserVariable({ isSecurityEnabled: false, user: { username: 'user1', id: 1 } }),
    scheduler: createFrameScheduler((callback) => queueMicrotask(callback)),
  })
  const variables: Record<string, FakeStreamVariable> = {}
  for (const name of options.fakes ?? []) {
    variables[name] = new FakeStreamVariable()
    app.runtime.variables.add(name, variables[name])
  }
  const definition = validatePage({ name: 'Main', variables: {}, ...page })
  const view: ReactNode = (
    <PageView
      app={app}
      page={definition}
      widgets={options.widgets ?? builtInWidgets}
      showErrorDetails={options.showErrorDetails ?? false}
    />
  )
  const rendered = render(view)
  return {
    notifications,
    navigations,
    variables,
    container: rendered.container,
    unmount: () => {
      rendered.unmount()
      app.dispose()
    },
  }
}
