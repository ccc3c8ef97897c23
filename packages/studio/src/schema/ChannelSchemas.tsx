import type { ReactNode } from 'react'
import { SchemaPreview } from './SchemaPreview.js'

/** One inferred schema and TypeScript type per channel: each channel is a dataset of its own. */
export function ChannelSchemas({ byChannel }: { byChannel: Readonly<Record<string, readonly unknown[]>> }): ReactNode {
  const channels = Object.entries(byChannel).filter(([, samples]) => samples.length > 0)
  if (channels.length === 0)
    return <p className="empty">Pick messages of each channel (or type samples) to see each channel’s fields.</p>
  return (
    <div className="channel-schemas">
      {channels.map(([channel, samples]) => (
        <section key={channel} className="channel-schema" data-channel={channel} aria-label={`Channel ${channel}`}>
          <h3 className="mono small">{channel}</h3>
          <SchemaPreview samples={samples} name={channel} />
        </section>
      ))}
    </div>
  )
}
