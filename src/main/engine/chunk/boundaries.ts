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

/** Characters that attach to the one before: combining marks, zero-width joiner, variation selectors, emoji modifiers. */
const ATTACHES_TO_PREVIOUS = /^[\p{M}\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u

/**
 * Moves `offset` back so it splits neither a surrogate pair nor a character from the marks, joiners and modifiers
 * that extend it, so emoji sequences and accented letters stay whole (within 32 steps, for endless sequences).
 */
export function safeCut(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return offset
  let at = offset
  for (let steps = 0; at > 0 && steps < 32; steps++) {
    const code = text.charCodeAt(at)
    const previous = text.charCodeAt(at - 1)
    const splitsPair = code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff
    if (splitsPair || previous === 0x200d || ATTACHES_TO_PREVIOUS.test(text.slice(at, at + 2))) at--
    else break
  }
  // Flags are pairs of regional indicators: cut only after an even number of them.
  let indicators = 0
  if (isRegionalIndicator(text, at)) while (isRegionalIndicator(text, at - 2 * (indicators + 1))) indicators++
  return indicators % 2 === 1 ? at - 2 : at
}

function isRegionalIndicator(text: string, at: number): boolean {
  const code = at >= 0 ? text.codePointAt(at) : undefined
  return code !== undefined && code >= 0x1f1e6 && code <= 0x1f1ff
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
