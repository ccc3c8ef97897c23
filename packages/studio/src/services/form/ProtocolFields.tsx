import { SERVICE_PROTOCOLS, type ServiceProtocol } from '@tether/core'
import type { ReactNode } from 'react'
import { ChannelList } from './ChannelList.js'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import { hasChannels, hasPassword, PROTOCOL_LABELS, type ProtocolDraft } from './protocol-draft.js'
import type { DraftProblems } from './service-draft.js'

interface Props {
  value: ProtocolDraft
  problems: DraftProblems
  onChange: (value: ProtocolDraft) => void
  /** Shown under the choice: what detection found (the import wizard). */
  detection?: ReactNode
}

/** The protocol choice and what that protocol needs: its options, its password and its channels. */
export function ProtocolFields({ value, problems, onChange, detection }: Props): ReactNode {
  const { protocol } = value
  const options = value.options[protocol] ?? {}
  const text = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : '')
  /** Sets one option of the chosen protocol; undefined (an emptied field) removes it. */
  const setOption = (key: string, next: unknown) => {
    const { [key]: _dropped, ...rest } = options
    onChange({
      ...value,
      options: { ...value.options, [protocol]: next === undefined ? rest : { ...rest, [key]: next } },
    })
  }
  const textField = (key: string, label: string, placeholder = '') => (
    <label className="field">
      <span>{label}</span>
      <input
        name={`option-${key}`}
        className="mono"
        value={text(key)}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => setOption(key, e.target.value === '' ? undefined : e.target.value)}
        {...invalidProps(problems, `protocolOptions.${key}`, `option-${key}-problem`)}
      />
      <FieldProblems problems={problems} path={`protocolOptions.${key}`} id={`option-${key}-problem`} />
    </label>
  )
  const jsonField = (key: 'auth' | 'connectionParams', label: string, placeholder: string) => (
    <label className="field">
      <span>{label}</span>
      <textarea
        name={`option-${key}`}
        className="mono"
        rows={3}
        value={value.jsonText[key] ?? ''}
        placeholder={placeholder}
        spellCheck={false}
        onChange={(e) => onChange({ ...value, jsonText: { ...value.jsonText, [key]: e.target.value } })}
        {...invalidProps(problems, `protocolOptions.${key}`, `option-${key}-problem`)}
      />
      <span className="muted small">
        Saved in the project file. Keep tokens out of it: add them under “Headers and secrets”, which the proxy sends.
      </span>
      <FieldProblems problems={problems} path={`protocolOptions.${key}`} id={`option-${key}-problem`} />
    </label>
  )

  return (
    <fieldset className="fieldset protocol-fields">
      <legend>Protocol</legend>
      <label className="field">
        <span>What the service speaks</span>
        <select
          name="protocol"
          value={protocol}
          onChange={(e) => onChange({ ...value, protocol: e.target.value as ServiceProtocol })}
          {...invalidProps(problems, 'protocol', 'protocol-problem')}
        >
          {SERVICE_PROTOCOLS.map((name) => (
            <option key={name} value={name}>
              {PROTOCOL_LABELS[name]}
            </option>
          ))}
        </select>
        <FieldProblems problems={problems} path="protocol" id="protocol-problem" />
      </label>
      {detection}

      {protocol === 'socket.io' && (
        <div className="form-grid">
          {textField('namespace', 'Namespace', '/')}
          {jsonField('auth', 'Auth (JSON sent when joining the namespace)', '{"room": "lobby"}')}
        </div>
      )}
      {protocol === 'stomp' && (
        <div className="form-grid">
          {textField('login', 'Login')}
          <PasswordInput label="Passcode" value={value} problems={problems} onChange={onChange} />
          {textField('host', 'Virtual host', 'the broker’s default')}
        </div>
      )}
      {protocol === 'mqtt' && (
        <>
          <div className="form-grid">
            {textField('username', 'Username')}
            <PasswordInput label="Password" value={value} problems={problems} onChange={onChange} />
            {textField('clientId', 'Client id', 'random on each connect')}
            <label className="field">
              <span>Quality of service</span>
              <select
                name="option-qos"
                value={String(options.qos ?? 0)}
                onChange={(e) => setOption('qos', e.target.value === '0' ? undefined : Number(e.target.value))}
              >
                <option value="0">0 — at most once</option>
                <option value="1">1 — at least once</option>
                <option value="2">2 — exactly once</option>
              </select>
            </label>
          </div>
          <label className="check">
            <input
              type="checkbox"
              name="option-clean"
              checked={options.clean !== false}
              onChange={(e) => setOption('clean', e.target.checked ? undefined : false)}
            />
            <span>
              Clean session (unticked: the broker keeps the session and queues QoS 1 and 2 messages meanwhile)
            </span>
          </label>
        </>
      )}
      {protocol === 'graphql-ws' && (
        <>
          {jsonField('connectionParams', 'Connection params (JSON sent with connection_init)', '{"client": "tether"}')}
          <label className="check">
            <input
              type="checkbox"
              name="option-legacy"
              checked={options.legacy === true}
              onChange={(e) => setOption('legacy', e.target.checked ? true : undefined)}
            />
            <span>Legacy protocol (subscriptions-transport-ws, for older Apollo and Hasura servers)</span>
          </label>
        </>
      )}
      {protocol === 'sse' && (
        <label className="field">
          <span>Method</span>
          <select
            name="option-method"
            value={text('method') || 'GET'}
            onChange={(e) => setOption('method', e.target.value === 'GET' ? undefined : e.target.value)}
          >
            <option value="GET">GET</option>
            <option value="POST">POST (sends the request body)</option>
          </select>
          <span className="muted small">Request headers such as Authorization go under “Headers and secrets”.</span>
        </label>
      )}
      {hasChannels(protocol) && (
        <ChannelList
          protocol={protocol}
          rows={value.channels}
          problems={problems}
          onChange={(channels) => onChange({ ...value, channels })}
        />
      )}
    </fieldset>
  )
}

/** A broker password: write-only, kept on the server; a stored one is never shown. */
function PasswordInput({
  label,
  value,
  problems,
  onChange,
}: {
  label: string
  value: ProtocolDraft
  problems: DraftProblems
  onChange: (value: ProtocolDraft) => void
}): ReactNode {
  if (!hasPassword(value.protocol)) return null
  const { stored } = value.password
  return (
    <label className="field">
      <span>{stored ? `New ${label.toLowerCase()} (empty keeps the stored one)` : label}</span>
      <input
        name="password"
        type="password"
        autoComplete="off"
        value={value.password.value}
        placeholder={stored ? 'stored (unchanged)' : ''}
        onChange={(e) => onChange({ ...value, password: { ...value.password, value: e.target.value } })}
        {...invalidProps(problems, 'password', 'password-problem')}
      />
      <span className="muted small">Kept on the server, never in the project files; the proxy adds it.</span>
      <FieldProblems problems={problems} path="password" id="password-problem" />
    </label>
  )
}
