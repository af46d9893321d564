export interface RateLimitOptions {
  /** Events per second each token may send, sustained. */
  eventsPerSecond: number
  /** Events a token may send at once after a quiet period (the bucket's size). */
  burst: number
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { eventsPerSecond: 1000, burst: 10_000 }

/** Buckets kept at most; full buckets (idle tokens) are forgotten first. */
const MAX_BUCKETS = 10_000

interface Bucket {
  tokens: number
  updated: number
}

/**
 * A token bucket per client token, counted in events: each request costs the events it carries
 * (at least 1, at most the bucket's size so that any allowed batch can pass once the bucket is
 * full). A request the bucket cannot pay for is refused whole, and costs nothing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.eventsPerSecond > 0)) throw new Error('rate limit: eventsPerSecond must be > 0')
    if (!(options.burst >= 1)) throw new Error('rate limit: burst must be >= 1')
  }

  private bucket(key: string): Bucket {
    const now = this.now()
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.forget()
      bucket = { tokens: this.options.burst, updated: now }
      this.buckets.set(key, bucket)
    } else {
      const elapsed = Math.max(0, now - bucket.updated) / 1000
      bucket.tokens = Math.min(
        this.options.burst,
        bucket.tokens + elapsed * this.options.eventsPerSecond,
      )
      bucket.updated = now
    }
    return bucket
  }

  private forget(): void {
    for (const [key] of this.buckets) {
      this.bucket(key)
    }
    for (const [key, bucket] of this.buckets)
      if (bucket.tokens >= this.options.burst) this.buckets.delete(key)
    // Still full of busy tokens: drop the oldest.
    while (this.buckets.size >= MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value as string
      this.buckets.delete(oldest)
    }
  }

  /**
   * Takes `cost` events from the token's bucket. When it holds too few, nothing is taken and
   * the answer says how many whole seconds to wait (the `Retry-After` value, at least 1).
   */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfter: number } {
    const bucket = this.bucket(key)
    const needed = Math.min(Math.max(1, cost), this.options.burst)
    if (bucket.tokens >= needed) {
      bucket.tokens -= needed
      return { ok: true }
    }
    const seconds = (needed - bucket.tokens) / this.options.eventsPerSecond
    return { ok: false, retryAfter: Math.max(1, Math.ceil(seconds)) }
  }

  /** Whether the token could send one event now (checked before reading a body). */
  check(key: string): { ok: true } | { ok: false; retryAfter: number } {
    const bucket = this.bucket(key)
    if (bucket.tokens >= 1) return { ok: true }
    return {
      ok: false,
      retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.eventsPerSecond)),
    }
  }
}
