export type { ApiErrorCode, ApiErrorDetail } from './api-error.js'
export { ApiError, ApiErrorCodes, validationError, zodIssuesToDetails } from './api-error.js'
export { installErrorHandler, toErrorResponse } from './error-handler.js'
export { answerClientError, answerFrameworkError } from './malformed-requests.js'
