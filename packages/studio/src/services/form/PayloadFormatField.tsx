import { isTetherError, MAX_PROTO_CHARS, type PayloadFormat, protoMessageTypes } from '@tether/core'
import { type ReactNode, useEffect, useState } from 'react'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import type { PayloadDraft } from './payload-draft.js'
import type { DraftProblems } from './service-draft.js'

/** The formats in the user's words, in the order offered. */
const FORMAT_LABELS: Readonly<Record<PayloadFormat, string>> = {
  json: 'JSON or text',
  msgpack: 'MessagePack',
  cbor: 'CBOR',
  protobuf: 'Protocol Buffers',
}

/** Why an uploaded `.proto` cannot be used, as a plain sentence (core's message names the line). */
function protoProblem(error: unknown): string {
  const detail = isTetherError(error) ? error.details[0]?.message : undefined
  const reason = detail ?? (error instanceof Error ? error.message : String(error))
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)} Fix the file and upload it again.`
}

interface Props {
  value: PayloadDraft
  problems: DraftProblems
  onChange: (value: PayloadDraft) => void
}

/**
 * How the service's messages are encoded: JSON or text (the default), MessagePack, CBOR or Protocol
 * Buffers. For Protocol Buffers the user uploads the `.proto` (kept in the service file), which is parsed
 * at once by core's rules (`protoMessageTypes`); its message types are offered to choose from.
 */
export function PayloadFormatField({ value, problems, onChange }: Props): ReactNode {
  const [types, setTypes] = useState<string[]>([])
  const [uploadProblem, setUploadProblem] = useState<string | null>(null)
  const { format, proto } = value

  // The types of the stored (or just uploaded) .proto; a stored file that no longer parses says so.
  useEffect(() => {
    let current = true
    if (format !== 'protobuf' || proto === '') setTypes([])
    else
      protoMessageTypes(proto).then(
        (declared) => {
          if (current) setTypes(declared)
        },
        (error: unknown) => {
          if (!current) return
          setTypes([])
          setUploadProblem(protoProblem(error))
        },
      )
    return () => {
      current = false
    }
  }, [format, proto])

  const upload = async (file: File | undefined) => {
    if (!file) return
    setUploadProblem(null)
    const text = await file.text()
    if (text.length > MAX_PROTO_CHARS) {
      const limit = `${Math.round(MAX_PROTO_CHARS / 1024)} KiB`
      return setUploadProblem(
        `${file.name} is larger than ${limit}; upload only the .proto that declares the messages.`,
      )
    }
    try {
      const declared = await protoMessageTypes(text)
      if (declared.length === 0) return setUploadProblem(`${file.name} declares no message type.`)
      const messageType = declared.includes(value.messageType) ? value.messageType : (declared[0] as string)
      onChange({ ...value, proto: text, messageType })
    } catch (error) {
      setUploadProblem(`${file.name}: ${protoProblem(error)}`)
    }
  }

  return (
    <fieldset className="fieldset payload-format">
      <legend>Payload format</legend>
      <div className="form-grid">
        <label className="field">
          <span>Messages are encoded as</span>
          <select
            name="payloadFormat"
            value={format}
            onChange={(e) => onChange({ ...value, format: e.target.value as PayloadFormat })}
            {...invalidProps(problems, 'payloadFormat', 'payload-format-problem')}
          >
            {Object.entries(FORMAT_LABELS).map(([name, label]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
          <FieldProblems problems={problems} path="payloadFormat" id="payload-format-problem" />
        </label>
        {format === 'protobuf' && (
          <label className="field">
            <span>Message type</span>
            <select
              name="protobufMessageType"
              className="mono"
              value={value.messageType}
              disabled={types.length === 0}
              onChange={(e) => onChange({ ...value, messageType: e.target.value })}
              {...invalidProps(problems, 'protobuf.messageType', 'message-type-problem')}
            >
              {types.length === 0 && <option value={value.messageType}>Upload a .proto first</option>}
              {types.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            <FieldProblems problems={problems} path="protobuf.messageType" id="message-type-problem" />
          </label>
        )}
      </div>
      {format === 'protobuf' && (
        <div className="field">
          <label className="field">
            <span>.proto file</span>
            <input
              type="file"
              name="protoFile"
              accept=".proto,text/plain"
              onChange={(e) => void upload(e.target.files?.[0])}
              {...invalidProps(problems, 'protobuf.proto', 'proto-problem')}
            />
          </label>
          <span className="muted small" data-testid="proto-summary">
            {proto === ''
              ? 'Kept in the service file with the other settings.'
              : `Uploaded: ${proto.trimEnd().split('\n').length} lines, ${types.length} message type${types.length === 1 ? '' : 's'}.`}
          </span>
          {uploadProblem && (
            <p className="alert alert-error" role="alert">
              {uploadProblem}
            </p>
          )}
          <FieldProblems problems={problems} path="protobuf.proto" id="proto-problem" />
          <FieldProblems problems={problems} path="protobuf" id="protobuf-problem" />
        </div>
      )}
    </fieldset>
  )
}
