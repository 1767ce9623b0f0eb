// Request limits of the local HTTP API: a token bucket for the rate, a cap on requests in flight.
export interface RateLimit {
  /** Requests allowed at once after a quiet spell. */
  burst: number
  /** Requests per second refilled. */
  perSecond: number
}

export const DEFAULT_RATE: RateLimit = { burst: 100, perSecond: 50 }

/** A token bucket: take() is false when the caller must wait; retryAfterSeconds says how long. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now()
  ) {
    this.tokens = limit.burst
    this.last = now()
  }

  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.limit.perSecond))
  }
}
