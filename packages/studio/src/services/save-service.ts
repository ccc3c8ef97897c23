import type { WebSocketServiceDefinition } from '@tether/core'
import { StudioApiError } from '../api/http.js'
import { studioApi } from '../api/studio-api.js'
import { passwordToSave } from './form/protocol-draft.js'
import { type DraftProblems, draftToDefinition, type ServiceDraft, secretsToSave } from './form/service-draft.js'

export type SaveResult = { ok: true } | { ok: false; message: string; problems: DraftProblems }

/**
 * Writes the service file (PUT, renaming when the name changed) and then its secret headers and broker
 * password when they changed. The server validates again; its located problems come back as field problems.
 */
export async function saveService(
  project: string,
  draft: ServiceDraft,
  options: {
    renamedFrom?: string
    storedHeaders?: readonly string[]
    /** What the test adds that the form does not hold (each channel's samples and schema). */
    amend?: (definition: WebSocketServiceDefinition) => WebSocketServiceDefinition
  } = {},
): Promise<SaveResult> {
  const drafted = draftToDefinition(draft)
  const definition = options.amend ? options.amend(drafted) : drafted
  try {
    await studioApi.saveService(project, definition, options.renamedFrom)
    const headers = secretsToSave(draft, options.storedHeaders ?? [])
    const credentials = passwordToSave(draft.protocol)
    if (headers || credentials)
      await studioApi.saveSecrets(project, definition.name, {
        ...(headers ? { headers } : {}),
        ...(credentials ? { credentials } : {}),
      })
    return { ok: true }
  } catch (error) {
    if (!(error instanceof StudioApiError)) throw error
    if (error.status === 413) {
      // The samples are the only part of a service that can grow this large: say so, not "request body".
      const message =
        'This sample is larger than the server accepts for one service file (1 MiB with everything else): ' +
        'pick a smaller message, or keep a few fields of it.'
      return { ok: false, message, problems: { samples: [message] } }
    }
    const problems: DraftProblems = {}
    for (const detail of error.details) {
      // Server paths are relative to the request: `body.name`, `params.service` (the name in the URL).
      const path = detail.path === 'params.service' ? 'name' : detail.path.replace(/^body\.?/, '') || 'name'
      problems[path] = [...(problems[path] ?? []), detail.message]
    }
    return { ok: false, message: error.message, problems }
  }
}
