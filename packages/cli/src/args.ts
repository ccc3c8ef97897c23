import { type ParseArgsConfig, parseArgs } from 'node:util'
import { usageError } from './io.js'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

/** Parsed options by name (strings, booleans or string lists) and the positional arguments. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

/** Parses a command's arguments strictly: an unknown option or a missing value is a usage error (exit 2). */
export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    })
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals }
  } catch (error) {
    throw usageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, '.'), command)
  }
}

/** A whole number option within bounds, or a usage error naming the option. */
export function intOption(
  command: string,
  name: string,
  raw: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || value < min || value > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(raw)}".`, command)
  }
  return value
}

/** `--header "Name: value"` options as a header record. */
export function headerOptions(command: string, raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const entry of Array.isArray(raw) ? raw : []) {
    const match = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):\s*(.*)$/.exec(String(entry))
    if (!match?.[1]) throw usageError(`--header must look like "Name: value", not "${String(entry)}".`, command)
    headers[match[1]] = match[2] ?? ''
  }
  return headers
}
