import { read } from './guard'

/**
 * A plain copy of an options object given to a shim's `init`: own enumerable keys whose value
 * could be read. Getters run once, here; one that throws leaves its key out.
 */
export function copyOptions(options: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  let keys: string[] = []
  try {
    if (typeof options === 'object' && options !== null) keys = Object.keys(options)
  } catch {
    // A proxy that refuses to list its keys gives an empty copy.
  }
  for (const key of keys) {
    const value = read(options, key)
    if (value !== undefined) copy[key] = value
  }
  return copy
}
