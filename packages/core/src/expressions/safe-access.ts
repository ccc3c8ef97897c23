import { EvaluationFault } from './expression-errors.js'

/**
 * Names an expression may never read or write, even as an own key (`JSON.parse('{"__proto__":1}')` makes
 * one): they lead from data to prototypes and from there to `Function`.
 */
const FORBIDDEN_KEYS = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key)
}

/** Plain data: arrays and objects whose prototype is `Object.prototype` (of any realm) or `null`. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as object | null
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

export function assertAllowedKey(key: string): void {
  if (FORBIDDEN_KEYS.has(key)) {
    throw new EvaluationFault(`Reading '${key}' is not allowed: expressions cannot reach prototypes or constructors`)
  }
}

/** A root name from the scope: own properties only, so `toString` or `constructor` never resolve to built-ins. */
export function readScope(scope: object, name: string): unknown {
  assertAllowedKey(name)
  return Object.hasOwn(scope, name) ? (scope as Record<string, unknown>)[name] : undefined
}

/**
 * `target[key]` restricted to data: own properties of plain objects, array elements and `length`, string
 * characters and `length`. A missing property, or any member of null/undefined/a number/a boolean, is
 * `undefined` (like optional chaining) so a binding to data that has not arrived yet shows empty. Reading
 * a member of anything else (class instance, function, Map, Date…) is an error: bind to plain snapshots.
 */
export function readMember(target: unknown, key: string): unknown {
  assertAllowedKey(key)
  if (target === null || target === undefined) return undefined
  if (typeof target === 'string') {
    if (key === 'length') return target.length
    return isIndex(key) && Number(key) < target.length ? target[Number(key)] : undefined
  }
  if (Array.isArray(target)) {
    if (key === 'length') return target.length
    return isIndex(key) && Object.hasOwn(target, key) ? target[Number(key)] : undefined
  }
  if (isPlainObject(target)) return Object.hasOwn(target, key) ? target[key] : undefined
  if (typeof target === 'object' || typeof target === 'function') {
    throw new EvaluationFault(
      `Cannot read '${key}' of ${describeKind(target)}: expressions read only plain objects and arrays`,
    )
  }
  return undefined
}

/** Turns a computed member key (`a[key]`) into a property name; `undefined` means "no such member". */
export function toPropertyKey(key: unknown): string | undefined {
  if (typeof key === 'string') return key
  if (typeof key === 'number' || typeof key === 'boolean') return String(key)
  if (key === null || key === undefined) return undefined
  throw new EvaluationFault(`A computed member key must be text or a number, not ${describeKind(key)}`)
}

export function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function') return 'a function'
  if (typeof value !== 'object') return `a ${typeof value}`
  if (isPlainObject(value)) return 'an object'
  if (value instanceof Date) return 'a Date'
  if (value instanceof Map || value instanceof Set) return `a ${value instanceof Map ? 'Map' : 'Set'}`
  return 'a class instance'
}

function isIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,15})$/.test(key)
}
