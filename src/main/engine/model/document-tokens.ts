// A document tokenized once: the ids of any range of it, counted and listed by offsets instead of tokenizing the range again.
import { isCutSafe } from './word-runs'

/** Token ids of the ranges of one text. */
export interface DocumentTokens {
  /** The text these tokens are of. */
  readonly text: string
  /** Number of ids of `text.slice(start, end)` (as the tokenizer's `count` gives them). */
  count(start: number, end: number): number
  /** The ids of `text.slice(start, end)` (as the tokenizer's `encode` gives them, without a limit). */
  ids(start: number, end: number): Int32Array
}

/** Index of the first of the first `length` elements of sorted `values` that is >= `target`. */
function lowerBound(values: Int32Array, length: number, target: number): number {
  let low = 0
  let high = length
  while (low < high) {
    const mid = (low + high) >> 1
    if (values[mid]! < target) low = mid + 1
    else high = mid
  }
  return low
}

/** A list of 32-bit integers in a typed array that doubles when full: no boxed numbers, and nothing for the GC to copy. */
class IntList {
  values = new Int32Array(64)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = value
  }
}

/**
 * Spans of a text (word runs, or stretches between cut-safe characters) with their ids in order. A range whose ends are
 * cut-safe positions (next to a cut-safe character, see isCutSafe) holds whole spans only, so its ids are a slice of the
 * flat list; the bits of a range before its first and after its last cut-safe position are tokenized on their own, which is
 * exact because the ids of text joined at a cut-safe position are the ids of the parts.
 */
export class SpannedTokens implements DocumentTokens {
  /** Start offset of each span, increasing. */
  private readonly starts = new IntList()
  /** Ids before each span; one more entry than spans (the total at the end). */
  private readonly idStarts = new IntList()
  private readonly flat = new IntList()

  /** `tokenize` gives the ids of any string (the tokenizer's own encode). */
  constructor(
    readonly text: string,
    private readonly tokenize: (text: string) => readonly number[]
  ) {
    this.idStarts.push(0)
  }

  /** Appends a span starting at `start` (after every span added before) with these ids. */
  add(start: number, ids: readonly number[]): void {
    this.starts.push(start)
    for (let i = 0; i < ids.length; i++) this.flat.push(ids[i]!)
    this.idStarts.push(this.flat.length)
  }

  /** Appends a span of one id (see add). */
  addOne(start: number, id: number): void {
    this.starts.push(start)
    this.flat.push(id)
    this.idStarts.push(this.flat.length)
  }

  count(start: number, end: number): number {
    if (start >= end) return 0
    const from = this.safeAtOrAfter(start, end)
    if (from >= end) return this.tokenize(this.text.slice(start, end)).length
    const to = this.safeAtOrBefore(end, from)
    let total = this.idsBefore(to) - this.idsBefore(from)
    if (from > start) total += this.tokenize(this.text.slice(start, from)).length
    if (to < end) total += this.tokenize(this.text.slice(to, end)).length
    return total
  }

  ids(start: number, end: number): Int32Array {
    if (start >= end) return new Int32Array(0)
    const from = this.safeAtOrAfter(start, end)
    if (from >= end) return Int32Array.from(this.tokenize(this.text.slice(start, end)))
    const to = this.safeAtOrBefore(end, from)
    const head = from > start ? this.tokenize(this.text.slice(start, from)) : []
    const tail = to < end ? this.tokenize(this.text.slice(to, end)) : []
    const first = this.idsBefore(from)
    const last = this.idsBefore(to)
    const ids = new Int32Array(head.length + (last - first) + tail.length)
    ids.set(head)
    ids.set(this.flat.values.subarray(first, last), head.length)
    ids.set(tail, head.length + last - first)
    return ids
  }

  /** Ids of the spans that start before `offset` (a cut-safe position: no span crosses it). */
  private idsBefore(offset: number): number {
    return this.idStarts.values[lowerBound(this.starts.values, this.starts.length, offset)]!
  }

  /** True when text can be cut at `offset` without changing tokens on either side. */
  private isSafe(offset: number): boolean {
    const text = this.text
    return offset <= 0 || offset >= text.length || isCutSafe(text.charCodeAt(offset - 1)) || isCutSafe(text.charCodeAt(offset))
  }

  /** The first cut-safe offset in [offset, limit], or limit. */
  private safeAtOrAfter(offset: number, limit: number): number {
    let at = offset
    while (at < limit && !this.isSafe(at)) at++
    return at
  }

  /** The last cut-safe offset in [floor, offset], or floor. */
  private safeAtOrBefore(offset: number, floor: number): number {
    let at = offset
    while (at > floor && !this.isSafe(at)) at--
    return at
  }
}

