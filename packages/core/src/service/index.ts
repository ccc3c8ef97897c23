export { buildServiceUrl } from './build-url.js'
export { isWebSocketService, trustedWebSocketService } from './create-service.js'
export { defineWebSocketService } from './define.js'
export { serializeServiceDefinition } from './serialize.js'
export type {
  PathParamDefinition,
  QueryParamDefinition,
  ServiceSamples,
  WebSocketService,
  WebSocketServiceDefinition,
} from './types.js'
export { isRelativeServiceUrl } from './url-template.js'
