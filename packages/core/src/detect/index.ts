export { type BareSocketOutcome, watchBareSocket } from './bare-socket-watch.js'
export {
  DEFAULT_DETECT_QUIET_MS,
  type DetectProtocolOptions,
  detectProtocol,
  type ProtocolDetection,
} from './detect-protocol.js'
export { answersEventStream, type FetchHeaders } from './event-stream-probe.js'
export {
  type Detected,
  type HandshakeProbeOptions,
  probeHandshakes,
  REFUSED_BARE_CANDIDATES,
  SILENT_CANDIDATES,
} from './handshake-probe.js'
export { isEngineIoOpen, isEngineIoUrl, isEventStreamType } from './url-rules.js'
