// Where text may be cut, from strongest to weakest: sentence starts (Intl.Segmenter, CJK-aware), word starts, code points.

const sentences = new Intl.Segmenter('und', { granularity: 'sentence' })
/**
 * Intl.Segmenter gets slower per segment as the string grows (quadratic overall in V8), so long text is segmented
 * in windows of this many characters; each window restarts at the last boundary found, so boundaries stay exact.
 */
const SEGMENT_WINDOW = 1024

/** Offsets (relative to `text`) where a sentence starts, excluding 0. Handles 。！？ as well as Latin punctuation. */
export function sentenceStarts(text: string): number[] {
  const starts: number[] = []
  for (let base = 0; base < text.length; ) {
    const end = Math.min(text.length, base + SEGMENT_WINDOW)
    let last = 0
    for (const segment of sentences.segment(text.slice(base, end))) {
      if (segment.index === 0) continue
      last = segment.index
      // The window's last segment may be cut short; its start is kept, what follows is segmented again.
      starts.push(base + last)
    }
    if (end === text.length) break
    base = last > 0 ? base + last : end
  }
  return starts
}

/** Offsets (relative to `text`) where a run of non-space characters follows white space. */
export function wordStarts(text: string): number[] {
  const starts: number[] = []
  for (const match of text.matchAll(/\s+/g)) {
    const start = match.index + match[0].length
    if (start > 0 && start < text.length) starts.push(start)
  }
  return starts
}

/** Moves `offset` back by one if it would split a surrogate pair. */
export function codePointBoundary(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return offset
  const code = text.charCodeAt(offset)
  const previous = text.charCodeAt(offset - 1)
  return code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff ? offset - 1 : offset
}

/** Index of the first element of sorted `values` that is >= `target`. */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (values[mid] < target) low = mid + 1
    else high = mid
  }
  return low
}

const WHITESPACE = /\s/

/** [start, end) narrowed to exclude leading and trailing whitespace of `text`. */
export function trimRange(text: string, start: number, end: number): [number, number] {
  let a = start
  let b = end
  while (a < b && WHITESPACE.test(text[a])) a++
  while (b > a && WHITESPACE.test(text[b - 1])) b--
  return [a, b]
}
