export { HEX_PREVIEW_BYTES, hexPreview, PayloadDecodeError } from './decode-failed.js'
export { detectPayloadFormat, type PayloadFormatSuggestion } from './detect.js'
export {
  type BinaryPayloadFormat,
  binaryFormatOf,
  MAX_PROTO_CHARS,
  PAYLOAD_FORMATS,
  type PayloadDefinition,
  type PayloadFormat,
  type ProtobufPayload,
} from './format.js'
export { type BinaryPayloadDecoder, loadPayloadDecoder, protoMessageTypes } from './load.js'
