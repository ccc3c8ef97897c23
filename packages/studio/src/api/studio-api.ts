import type { PayloadFormat, ProtocolDetection, WebSocketServiceDefinition } from '@tether/core'
import type { PageDefinition, ProjectDefinition } from '@tether/runtime'
import type { RecordedMessage } from '../connection/live-connection.js'
import { requestJson, requestText } from './http.js'
import { checkProjectContents, type ProjectContents, type ProjectContentsBody } from './project-contents.js'

export type { ProjectContents }

/** The signed-in user as `/api/auth/me` and `/api/auth/login` return it. */
export interface SessionUser {
  isAuthenticated: boolean
  name: string | null
  roles: string[]
}

export interface ProjectSummary {
  name: string
  title?: string
}

/** One recorded message of a mock; a protocol recording names the channel (event, topic) it came on. */
export type MockMessage = RecordedMessage & { channel?: string }

/** A recorded session saved as a mock (see the server's mock format). */
export interface MockSession {
  service: string
  recordedAt: string | number
  /** What the replay speaks; a Socket.IO or MQTT recording needs every message's channel. */
  protocol?: 'websocket' | 'socket.io' | 'mqtt'
  payloadFormat?: PayloadFormat
  messages: MockMessage[]
}

const p = (project: string) => `/api/studio/projects/${encodeURIComponent(project)}`
const s = (project: string, service: string) => `${p(project)}/services/${encodeURIComponent(service)}`

/** The studio backend's HTTP API, one function per endpoint. */
export const studioApi = {
  me: () => requestJson<SessionUser>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    requestJson<SessionUser>('POST', '/api/auth/login', { username, password }),
  logout: () => requestJson<SessionUser>('POST', '/api/auth/logout'),

  listProjects: () => requestJson<{ data: ProjectSummary[] }>('GET', '/api/studio/projects'),
  createProject: async (name: string, title?: string) =>
    checkProjectContents(
      await requestJson<ProjectContentsBody>('POST', '/api/studio/projects', title ? { name, title } : { name }),
    ),
  openProject: async (project: string) =>
    checkProjectContents(await requestJson<ProjectContentsBody>('GET', p(project))),

  renameProject: (project: string, to: string) => requestJson<{ name: string }>('POST', `${p(project)}/rename`, { to }),
  duplicateProject: (project: string, to: string) =>
    requestJson<{ name: string }>('POST', `${p(project)}/duplicate`, { to }),
  deleteProject: (project: string) => requestJson<void>('DELETE', p(project)),
  /** Where the browser downloads the project as a zip. */
  exportUrl: (project: string) => `${p(project)}/export`,
  /** Imports a zip made by Export (as base64); nothing is written unless the whole project is valid. */
  importProject: (zip: string, name?: string) =>
    requestJson<{ name: string }>('POST', '/api/studio/projects/import', name ? { zip, name } : { zip }),

  saveService: (project: string, definition: WebSocketServiceDefinition, renamedFrom?: string) =>
    requestJson<WebSocketServiceDefinition>(
      'PUT',
      `${s(project, definition.name)}${renamedFrom && renamedFrom !== definition.name ? `?rename=${encodeURIComponent(renamedFrom)}` : ''}`,
      definition,
    ),
  deleteService: (project: string, service: string) => requestJson<void>('DELETE', s(project, service)),
  asyncApi: (project: string, service: string) => requestJson<object>('GET', `${s(project, service)}/asyncapi`),
  asyncApiUrl: (project: string, service: string) => `${s(project, service)}/asyncapi`,
  types: (project: string, service: string) => requestText(`${s(project, service)}/types`),
  /** The names of the secrets the server keeps for a service (header names; `password` among credentials). */
  secretNames: (project: string, service: string) =>
    requestJson<{ headers: string[]; credentials?: string[] }>('GET', `${s(project, service)}/secrets`),
  /** Merges: a value sets a header or credential, null removes it, an omitted name keeps its stored value. */
  saveSecrets: (
    project: string,
    service: string,
    changes: { headers?: Record<string, string | null>; credentials?: { password?: string | null } },
  ) => requestJson<void>('PUT', `${s(project, service)}/secrets`, changes),

  saveMock: (project: string, mock: string, session: MockSession) =>
    requestJson<MockSession>('PUT', `${p(project)}/mocks/${encodeURIComponent(mock)}`, session),
  getMock: (project: string, mock: string) =>
    requestJson<MockSession>('GET', `${p(project)}/mocks/${encodeURIComponent(mock)}`),

  /** Writes `pages/<Page>.page.json` (validated by the server with the runtime's page schema). */
  savePage: (project: string, page: PageDefinition) =>
    requestJson<PageDefinition>('PUT', `${p(project)}/pages/${encodeURIComponent(page.name)}`, page),
  deletePage: (project: string, page: string) =>
    requestJson<void>('DELETE', `${p(project)}/pages/${encodeURIComponent(page)}`),
  /** Why a WebSocket failed to open in the browser, found out by the server (DNS, refused, HTTP status, TLS…). */
  diagnose: (url: string, protocols: string[] = []) =>
    requestJson<{ kind: string; message: string }>('POST', '/api/studio/diagnose', { url, protocols }),
  /** What a service URL speaks, found out by the server under the proxy's rules (probe handshakes only). */
  detectProtocol: (url: string) => requestJson<ProtocolDetection>('POST', '/api/studio/detect-protocol', { url }),
  /** A page script's text (`scripts/main.js`); empty, `exists: false`, before it is first saved. */
  readScript: (project: string, path: string) =>
    requestJson<{ path: string; source: string; exists: boolean }>('GET', `${p(project)}/${encodeURI(path)}`),
  /** Writes a page script; the server refuses one that does not parse (`TETHER_SCRIPT_SYNTAX_ERROR`). */
  saveScript: (project: string, path: string, source: string) =>
    requestJson<{ path: string; handlers: string[] }>('PUT', `${p(project)}/${encodeURI(path)}`, { source }),
  /** Writes `tether.json` (app variables, the page list). */
  saveProjectFile: (project: string, file: ProjectDefinition) =>
    requestJson<ProjectDefinition>('PUT', `${p(project)}/project`, file),
}
