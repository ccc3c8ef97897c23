// Journey: a service whose messages are Protocol Buffers, and a recorded MQTT session. In Service
// Settings the user picks "Protocol Buffers", uploads a .proto (a broken one is refused with its line),
// chooses the message type and saves; the service file holds the .proto. In the Mocks panel the MQTT
// recording shows each message's channel, and the channel filter narrows the table to one topic.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasChromium, waitUntil, watchPageErrors } from './support/harness.js'
import { createProject, signIn, useStudioInChromium } from './support/studio.js'

const PROJECT = 'payload_e2e'
const PROTO = `syntax = "proto3";
package plant;
message Reading { string id = 1; double celsius = 2; }
message Status { string id = 1; string state = 2; }
`

// Generous: a whole journey on a busy machine; each wait has its own deadline.
describe.skipIf(!hasChromium())('studio: payload format and per-channel mocks', { timeout: 120_000 }, () => {
  const journey = useStudioInChromium(200)

  it('uploads a .proto and chooses its message type; shows and filters a mock by channel', async () => {
    const { baseUrl, projectsDir, browser } = journey
    const context = await browser.newContext({ viewport: { width: 1440, height: 1100 } })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    page.setDefaultTimeout(15_000)
    await page.goto(`${baseUrl}/studio/`)
    await signIn(page, 'admin')
    await createProject(page, PROJECT)
    // The services and the recording, as the studio's own API stores them (the page shares the session).
    const put = async (path: string, data: object) =>
      expect((await page.request.put(`${baseUrl}/api/studio/projects/${PROJECT}/${path}`, { data })).status()).toBe(200)
    await put('services/readings', { name: 'readings', url: 'ws://127.0.0.1:9/readings' })
    await put('services/plants', {
      name: 'plants',
      url: 'ws://127.0.0.1:9/mqtt',
      protocol: 'mqtt',
      channels: ['plant/+/temperature', 'plant/+/status'],
    })
    const topics = ['plant/basil/temperature', 'plant/fern/temperature', 'plant/basil/status']
    await put('mocks/plants_recording', {
      service: 'plants',
      recordedAt: '2026-12-02T09:00:00.000Z',
      protocol: 'mqtt',
      messages: topics.flatMap((topic, i) => [
        { at: i * 100, data: JSON.stringify({ id: topic.split('/')[1], n: i }), channel: topic },
        { at: i * 100 + 50, data: JSON.stringify({ id: topic.split('/')[1], n: i + 10 }), channel: topic },
      ]),
    })

    // Payload format: a broken .proto is refused with its line, a good one offers its message types.
    // The studio read the project when it opened it: load it again to see what the API added.
    await page.goto(`${baseUrl}/studio/#/${PROJECT}/services/readings`)
    await page.reload()
    await page.getByLabel('Messages are encoded as').selectOption({ label: 'Protocol Buffers' })
    const file = page.getByLabel('.proto file')
    await file.setInputFiles({ name: 'broken.proto', mimeType: 'text/plain', buffer: Buffer.from('message {\n') })
    await page.getByText('broken.proto: The .proto does not parse. Line 1:').waitFor()
    await file.setInputFiles({ name: 'plant.proto', mimeType: 'text/plain', buffer: Buffer.from(PROTO) })
    const messageType = page.getByLabel('Message type')
    await waitUntil('the declared message types', async () => (await messageType.locator('option').count()) === 2)
    await messageType.selectOption('plant.Status')
    await page.getByTestId('proto-summary').getByText('2 message types').waitFor()
    await page.locator('fieldset.payload-format').scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/payload-format.png' })
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Saved readings.').waitFor()
    const saved = JSON.parse(readFileSync(join(projectsDir, PROJECT, 'services', 'readings.service.json'), 'utf8'))
    expect(saved).toMatchObject({ payloadFormat: 'protobuf', protobuf: { proto: PROTO, messageType: 'plant.Status' } })

    // The mock's messages with their channels, then one channel only.
    await page.goto(`${baseUrl}/studio/#/${PROJECT}/services/plants`)
    const mock = page.locator('[data-mock="plants_recording"]')
    await mock.getByRole('button', { name: 'Show messages' }).click()
    const rows = mock.locator('.mock-table tbody tr')
    await waitUntil('the six recorded messages', async () => (await rows.count()) === 6)
    expect(await mock.locator('.mock-table th').allTextContents()).toEqual(['#', 'At', 'Channel', 'Data'])
    await mock.getByLabel('Channel').selectOption('plant/fern/temperature')
    await waitUntil('the fern temperatures only', async () => (await rows.count()) === 2)
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual([
      'plant/fern/temperature',
      'plant/fern/temperature',
    ])
    await mock.scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/mock-channels.png' })
    expect(errors).toEqual([])
    await context.close()
  })
})
