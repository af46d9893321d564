const CUT = ' [...]'

/**
 * Cuts `text` to at most `max` characters, ending in ` [...]` when it was cut, without splitting
 * a surrogate pair (an emoji stays whole or goes).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max - CUT.length
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return text.slice(0, end) + CUT
}
