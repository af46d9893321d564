import { truncate } from './truncate'
import type { Context, ContextValue } from './types'

/** Limits that keep one context small enough for a beacon. */
export const CONTEXT_LIMITS = { depth: 8, keys: 100, items: 100, stringLength: 1000 } as const

/**
 * Turns anything into a JSON-safe context: cycles, functions, symbols, BigInt, DOM nodes,
 * errors and dates are replaced by plain values, and depth, width and string length are capped.
 * `onChange` is told once, with the first reason, when the input had to be changed.
 */
export function sanitizeContext(input: unknown, onChange: (why: string) => void): Context {
  let changed: string | undefined
  const note = (why: string) => {
    changed ??= why
  }
  const seen = new WeakSet<object>()

  const visit = (value: unknown, depth: number): ContextValue | undefined => {
    switch (typeof value) {
      case 'string':
        return cutString(value, note)
      case 'boolean':
        return value
      case 'number':
        if (Number.isFinite(value)) return value
        note('a non-finite number became null')
        return null
      case 'bigint':
        note('a BigInt became a string')
        return value.toString()
      case 'undefined':
        return undefined
      case 'function':
      case 'symbol':
        note(`a ${typeof value} was dropped`)
        return undefined
    }
    if (value === null) return null
    const obj = value as object
    if (obj instanceof Date) {
      if (Number.isNaN(obj.getTime())) return null
      return obj.toISOString()
    }
    if (obj instanceof Error) return { name: obj.name, message: cutString(obj.message, note) }
    if (typeof Node !== 'undefined' && obj instanceof Node) {
      note('a DOM node became its name')
      return `[${obj.nodeName.toLowerCase()}]`
    }
    if (seen.has(obj)) {
      note('a circular reference was cut')
      return '[Circular]'
    }
    if (depth >= CONTEXT_LIMITS.depth) {
      note(`nesting deeper than ${CONTEXT_LIMITS.depth} levels was cut`)
      return '[Too deep]'
    }
    seen.add(obj)
    let out: ContextValue
    if (Array.isArray(obj) || obj instanceof Set) {
      const items = Array.from(obj as Iterable<unknown>)
      if (items.length > CONTEXT_LIMITS.items)
        note(`arrays are cut at ${CONTEXT_LIMITS.items} items`)
      out = items.slice(0, CONTEXT_LIMITS.items).map((item) => visit(item, depth + 1) ?? null)
    } else {
      const entries = obj instanceof Map ? Array.from(obj) : Object.entries(obj)
      if (entries.length > CONTEXT_LIMITS.keys)
        note(`objects are cut at ${CONTEXT_LIMITS.keys} keys`)
      const record: Record<string, ContextValue> = {}
      for (const [key, item] of entries.slice(0, CONTEXT_LIMITS.keys)) {
        const clean = visit(item, depth + 1)
        if (clean !== undefined) record[String(key)] = clean
      }
      out = record
    }
    seen.delete(obj)
    return out
  }

  let result: Context = {}
  try {
    const clean = input === undefined || input === null ? {} : visit(input, 0)
    if (clean !== null && typeof clean === 'object' && !Array.isArray(clean)) result = clean
    else note('a context must be an object')
  } catch {
    // Getters and proxies can throw while being read; the context is dropped, the app goes on.
    note('reading it threw')
  }
  if (changed) onChange(changed)
  return result
}

function cutString(text: string, note: (why: string) => void): string {
  if (text.length > CONTEXT_LIMITS.stringLength)
    note(`strings are cut at ${CONTEXT_LIMITS.stringLength} characters`)
  return truncate(text, CONTEXT_LIMITS.stringLength)
}
