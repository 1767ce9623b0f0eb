// Token counting for the chunker: the injected counter, cached per string, with a characters-per-token estimate; ranges of
// the document are counted from its tokens when it was tokenized once.
import type { DocumentTokens } from '../model/document-tokens'

/** Cached counts kept at most; the cache mostly serves repeated checks of the same chunk, so a reset is cheap. */
const MAX_CACHED = 20_000
/** Texts shorter than this have their ranges keyed by a number (see totalComposed). */
const RANGE_KEYED_LENGTH = 2 ** 26

/**
 * Counts tokens once per distinct string and keeps a running characters-per-token estimate. Ranges of the document and
 * context + range compositions are cached under the same strings whichever way they are counted, so the estimate (which
 * steers where the chunker cuts) moves exactly as it would if every string were tokenized.
 */
export class TokenCounter {
  readonly overhead: number
  private readonly cache = new Map<string, number>()
  /**
   * totalComposed's net counts by context and range, so a composition seen before is found without making its string again
   * (the chunker checks a chunk with `fits`, then counts it once more when it emits it). Cleared with `cache`, and filled
   * only once `cache` holds the composed string: a hit here is exactly the hit `cache` would give.
   */
  private readonly composedByRange = new Map<string, Map<number, number>>()
  /** countTokens(`${context}\n\n`) per context, for compositions counted from the document's tokens. */
  private readonly contextTotals = new Map<string, number>()
  private chars = 0
  private tokens = 0

  /** `documentTokens`, when given, are the tokens of `text` (see ChunkOptions.documentTokens). */
  constructor(
    private readonly countTokens: (text: string) => number,
    private readonly text: string,
    private readonly documentTokens?: DocumentTokens
  ) {
    this.overhead = countTokens('')
    if (documentTokens && documentTokens.text !== text) throw new RangeError('documentTokens must be the tokens of the document text')
  }

  /** Tokens of `text` without the fixed overhead. */
  net(text: string): number {
    return this.cached(text, () => this.countTokens(text))
  }

  /** Full count, overhead included. */
  total(text: string): number {
    return this.net(text) + this.overhead
  }

  /** net() of the document text's [start, end). */
  netRange(start: number, end: number): number {
    const slice = this.text.slice(start, end)
    const tokens = this.documentTokens
    return this.cached(slice, tokens ? () => this.overhead + tokens.count(start, end) : () => this.countTokens(slice))
  }

  /** total() of `${context}\n\n` followed by the document text's [start, end): a chunk as the embedder sees it. */
  totalComposed(context: string, start: number, end: number): number {
    // start * (length + 1) + end names a range of the text (an exact number below 2^53 for texts below 2^26 characters).
    const rangeKey = this.text.length < RANGE_KEYED_LENGTH ? start * (this.text.length + 1) + end : undefined
    let byRange = this.composedByRange.get(context)
    const known = rangeKey === undefined ? undefined : byRange?.get(rangeKey)
    if (known !== undefined) return known + this.overhead
    const head = `${context}\n\n`
    const composed = head + this.text.slice(start, end)
    const tokens = this.documentTokens
    const net = tokens ? this.cached(composed, () => this.contextTotal(head) + tokens.count(start, end)) : this.cached(composed, () => this.countTokens(composed))
    if (rangeKey !== undefined) {
      if (!byRange) this.composedByRange.set(context, (byRange = new Map()))
      byRange.set(rangeKey, net)
    }
    return net + this.overhead
  }

  get charsPerToken(): number {
    return this.tokens > 0 ? Math.max(1, this.chars / this.tokens) : 4
  }

  /** True once enough text was counted for `charsPerToken` to mean something. */
  get calibrated(): boolean {
    return this.tokens >= 256
  }

  /** Net count of `key`, from `countFull` (a full count, overhead included) the first time it is seen. */
  private cached(key: string, countFull: () => number): number {
    let count = this.cache.get(key)
    if (count === undefined) {
      count = Math.max(0, countFull() - this.overhead)
      if (this.cache.size >= MAX_CACHED) {
        this.cache.clear()
        this.composedByRange.clear()
      }
      this.cache.set(key, count)
      this.chars += key.length
      this.tokens += count
    }
    return count
  }

  private contextTotal(head: string): number {
    let total = this.contextTotals.get(head)
    if (total === undefined) this.contextTotals.set(head, (total = this.countTokens(head)))
    return total
  }
}
