import type { UrlMatcher } from './types'

/** Builds the test for "this request is not page activity": own endpoint and excluded URLs. */
export function createUrlFilter(
  endpoint: string | undefined,
  excluded: UrlMatcher[],
): (url: string) => boolean {
  const matchers: UrlMatcher[] = endpoint ? [stripQuery(endpoint), ...excluded] : excluded
  return (url) => matchers.some((m) => matches(m, url))
}

function matches(matcher: UrlMatcher, url: string): boolean {
  if (typeof matcher === 'string') return url.startsWith(matcher)
  if (matcher instanceof RegExp) return matcher.test(url)
  try {
    return matcher(url) === true
  } catch {
    return false
  }
}

function stripQuery(url: string): string {
  const cut = url.search(/[?#]/)
  return absoluteUrl(cut === -1 ? url : url.slice(0, cut))
}

/** Absolute form of a request URL, so rules written as absolute URLs match relative requests. */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, location.href).href
  } catch {
    return url
  }
}
