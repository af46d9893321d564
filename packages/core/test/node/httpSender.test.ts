import { describe, expect, it } from 'vitest'
import { classify, retryAfter } from '../../src/httpSender'

describe('what an HTTP answer means for a batch', () => {
  it.each([
    [200, 'ok'],
    [202, 'ok'],
    [204, 'ok'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [413, 'too-large'],
    [400, 'refused'],
    [401, 'refused'],
    [403, 'refused'],
    [422, 'refused'],
  ] as const)('%i → %s', (status, meaning) => {
    expect(classify(status)).toBe(meaning)
  })

  it('reads Retry-After as seconds or as an HTTP date, in ms', () => {
    const answer = (value?: string) =>
      new Response(null, { status: 429, headers: value ? { 'retry-after': value } : {} })
    expect(retryAfter(answer('3'))).toBe(3000)
    expect(retryAfter(answer())).toBeUndefined()
    expect(retryAfter(answer('soon'))).toBeUndefined()
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString()
    const ms = retryAfter(answer(inTenSeconds)) ?? 0
    // HTTP dates have whole seconds.
    expect(ms).toBeGreaterThan(8000)
    expect(ms).toBeLessThanOrEqual(10_000)
  })
})
