// @vitest-environment happy-dom

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { defineWebSocketService } from '@tether/core'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { PayloadFormatField } from './PayloadFormatField.js'
import { emptyPayloadDraft, type PayloadDraft, payloadDraftToDefinition } from './payload-draft.js'

afterEach(cleanup)

const PROTO = `syntax = "proto3";
package plant;
message Reading { string sensor = 1; double celsius = 2; }
message Status { string state = 1; }`

function Harness({ seen }: { seen: PayloadDraft[] }) {
  const [value, setValue] = useState(emptyPayloadDraft())
  return (
    <PayloadFormatField
      value={value}
      problems={{}}
      onChange={(next) => {
        seen.push(next)
        setValue(next)
      }}
    />
  )
}

const upload = (text: string, name = 'plant.proto') =>
  fireEvent.change(screen.getByLabelText('.proto file'), { target: { files: [new File([text], name)] } })

describe('PayloadFormatField', () => {
  it('offers the formats; Protocol Buffers takes a .proto upload and offers its message types', async () => {
    const seen: PayloadDraft[] = []
    render(<Harness seen={seen} />)
    const format = screen.getByLabelText('Messages are encoded as') as HTMLSelectElement
    expect([...format.options].map((o) => o.textContent)).toEqual([
      'JSON or text',
      'MessagePack',
      'CBOR',
      'Protocol Buffers',
    ])
    fireEvent.change(format, { target: { value: 'protobuf' } })
    expect((screen.getByLabelText('Message type') as HTMLSelectElement).disabled).toBe(true)
    upload(PROTO)
    await waitFor(() => expect(seen.at(-1)?.proto).toBe(PROTO))
    const type = screen.getByLabelText('Message type') as HTMLSelectElement
    await waitFor(() => expect([...type.options].map((o) => o.value)).toEqual(['plant.Reading', 'plant.Status']))
    fireEvent.change(type, { target: { value: 'plant.Status' } })
    const saved = payloadDraftToDefinition(seen.at(-1) as PayloadDraft)
    expect(saved).toEqual({ payloadFormat: 'protobuf', protobuf: { proto: PROTO, messageType: 'plant.Status' } })
    expect(() => defineWebSocketService({ name: 'plants', url: 'ws://h/p', ...saved })).not.toThrow()
    expect(screen.getByTestId('proto-summary').textContent).toBe('Uploaded: 4 lines, 2 message types.')
  })

  it('refuses a .proto that does not parse, naming the file and the line, and keeps the previous one', async () => {
    const seen: PayloadDraft[] = []
    render(<Harness seen={seen} />)
    fireEvent.change(screen.getByLabelText('Messages are encoded as'), { target: { value: 'protobuf' } })
    upload('syntax = "proto3";\nmessage A {\n  int32 a = 1\n}', 'broken.proto')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe(
      "broken.proto: The .proto does not parse. Line 4: illegal token '}', ';' expected. Fix the file and upload it again.",
    )
    expect(seen.at(-1)).toEqual({ format: 'protobuf', proto: '', messageType: '' })
  })

  it('JSON writes no payload fields; MessagePack and CBOR write only the format', () => {
    expect(payloadDraftToDefinition({ format: 'json', proto: PROTO, messageType: 'x' })).toEqual({})
    expect(payloadDraftToDefinition({ format: 'cbor', proto: PROTO, messageType: 'x' })).toEqual({
      payloadFormat: 'cbor',
    })
  })
})
