// Token counting for the chunker: the injected counter, cached per string, with a characters-per-token estimate.

/** Cached counts kept at most; the cache mostly serves repeated checks of the same chunk, so a reset is cheap. */
const MAX_CACHED = 20_000

/** Counts tokens once per distinct string and keeps a running characters-per-token estimate. */
export class TokenCounter {
  readonly overhead: number
  private readonly cache = new Map<string, number>()
  private chars = 0
  private tokens = 0

  constructor(private readonly countTokens: (text: string) => number) {
    this.overhead = countTokens('')
  }

  /** Tokens of `text` without the fixed overhead. */
  net(text: string): number {
    let count = this.cache.get(text)
    if (count === undefined) {
      count = Math.max(0, this.countTokens(text) - this.overhead)
      if (this.cache.size >= MAX_CACHED) this.cache.clear()
      this.cache.set(text, count)
      this.chars += text.length
      this.tokens += count
    }
    return count
  }

  /** Full count, overhead included. */
  total(text: string): number {
    return this.net(text) + this.overhead
  }

  get charsPerToken(): number {
    return this.tokens > 0 ? Math.max(1, this.chars / this.tokens) : 4
  }

  /** True once enough text was counted for `charsPerToken` to mean something. */
  get calibrated(): boolean {
    return this.tokens >= 256
  }
}
