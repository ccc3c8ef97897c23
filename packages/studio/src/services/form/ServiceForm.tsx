import type { ReactNode } from 'react'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import { PathSegments } from './PathSegments.js'
import { PayloadFormatField } from './PayloadFormatField.js'
import { ProtocolFields } from './ProtocolFields.js'
import { QueryParamsTable } from './QueryParamsTable.js'
import { SecretHeaders } from './SecretHeaders.js'
import { type DraftProblems, type ServiceDraft, syncPathParams } from './service-draft.js'
import { mergeQueryParams } from './url-params.js'

interface Props {
  draft: ServiceDraft
  problems: DraftProblems
  onChange: (draft: ServiceDraft) => void
}

/**
 * Every setting of a service: name, URL, protocol (its options, password and channels), parameters,
 * request body, subprotocols, proxy and its headers.
 */
export function ServiceForm({ draft, problems, onChange }: Props): ReactNode {
  const set = (patch: Partial<ServiceDraft>) => onChange({ ...draft, ...patch })
  const setUrl = (url: string) =>
    set({
      url,
      queryParams: mergeQueryParams(url, draft.queryParams),
      pathParams: syncPathParams(url, draft.pathParams),
    })

  return (
    <div className="service-form">
      <div className="form-grid">
        <label className="field">
          <span>Service name</span>
          <input
            name="serviceName"
            className="mono"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
            spellCheck={false}
            {...invalidProps(problems, 'name', 'name-problem')}
          />
          <FieldProblems problems={problems} path="name" id="name-problem" />
        </label>
        <label className="field">
          <span>Description</span>
          <input name="description" value={draft.description} onChange={(e) => set({ description: e.target.value })} />
        </label>
      </div>
      <label className="field">
        <span>URL</span>
        <input
          name="serviceUrl"
          className="mono"
          value={draft.url}
          onChange={(e) => setUrl(e.target.value)}
          spellCheck={false}
          {...invalidProps(problems, 'url', 'url-problem')}
        />
        <FieldProblems problems={problems} path="url" id="url-problem" />
      </label>
      <ProtocolFields value={draft.protocol} problems={problems} onChange={(protocol) => set({ protocol })} />
      <PathSegments
        url={draft.url}
        pathParams={draft.pathParams}
        problems={problems}
        onChange={(url, pathParams) => set({ url, pathParams, queryParams: mergeQueryParams(url, draft.queryParams) })}
      />
      <QueryParamsTable
        url={draft.url}
        rows={draft.queryParams}
        problems={problems}
        onChange={(url, queryParams) => set({ url, queryParams })}
      />
      <label className="field">
        <span>Request body (RequestBody template, sent on connect)</span>
        <textarea
          name="serviceRequestBody"
          className="mono"
          rows={3}
          value={draft.requestBody}
          onChange={(e) => set({ requestBody: e.target.value })}
          spellCheck={false}
          {...invalidProps(problems, 'requestBody', 'body-problem')}
        />
        <FieldProblems problems={problems} path="requestBody" id="body-problem" />
      </label>
      <PayloadFormatField value={draft.payload} problems={problems} onChange={(payload) => set({ payload })} />
      <div className="form-grid">
        <label className="field">
          <span>Subprotocols (comma-separated)</span>
          <input
            name="subprotocols"
            className="mono"
            value={draft.subprotocols}
            onChange={(e) => set({ subprotocols: e.target.value })}
            placeholder="graphql-ws"
            {...invalidProps(problems, 'subprotocols', 'subprotocols-problem')}
          />
          <FieldProblems problems={problems} path="subprotocols" id="subprotocols-problem" />
          {Object.keys(problems)
            .filter((path) => path.startsWith('subprotocols['))
            .map((path) => (
              <FieldProblems key={path} problems={problems} path={path} id={`${path}-problem`} />
            ))}
        </label>
        <label className="check check-field">
          <input
            type="checkbox"
            name="useProxy"
            checked={draft.useProxy}
            onChange={(e) => set({ useProxy: e.target.checked })}
          />
          <span>Run through the proxy (apps connect via the server, which can add secret headers)</span>
        </label>
        <label className="check check-field">
          <input
            type="checkbox"
            name="shared"
            checked={draft.shared !== false}
            onChange={(e) => set({ shared: e.target.checked })}
            {...invalidProps(problems, 'shared', 'shared-problem')}
          />
          <span>Shared feed (one connection on the server for every viewer, who only receive; needs the proxy)</span>
          <FieldProblems problems={problems} path="shared" id="shared-problem" />
        </label>
      </div>
      <SecretHeaders
        rows={draft.headers}
        useProxy={draft.useProxy}
        problems={problems}
        onChange={(headers) => set({ headers })}
      />
    </div>
  )
}
