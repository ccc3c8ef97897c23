/** The samples textarea holds a JSON array of messages; one non-array value counts as one sample. */
export type ParsedSamples = { ok: true; samples: unknown[] } | { ok: false; error: string }

export function parseSamplesText(text: string): ParsedSamples {
  if (text.trim() === '') return { ok: true, samples: [] }
  try {
    const value: unknown = JSON.parse(text)
    return { ok: true, samples: Array.isArray(value) ? value : [value] }
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}. Fix it, or pick messages again.` }
  }
}

export const formatSamples = (samples: readonly unknown[]): string =>
  samples.length === 0 ? '' : JSON.stringify(samples, null, 2)
