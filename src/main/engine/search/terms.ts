// Query terms matched in passage text, CJK-aware (Intl.Segmenter): term highlight ranges, coverage, sentence spans, respellings.
import type { HighlightRange } from '../../../shared/types'

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' })
const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' })

/** Han, kana and Hangul: scripts written without spaces, where a term is matched as a substring. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const HAN = /\p{Script=Han}/u
/** How many letters a word may have beyond a stemmed term and still count as the same word ("run" -> "running"). */
const MAX_SUFFIX = 4

/** Lower-case with accents removed (as the full-text index's ASCII folding does): "Café" -> "cafe". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** A word of a text with its UTF-16 span. */
export interface WordSpan {
  word: string
  start: number
  end: number
}

/** The word-like segments of `text` (Intl word segmentation: spaces for Latin scripts, dictionary words for CJK). */
export function words(text: string): WordSpan[] {
  const out: WordSpan[] = []
  for (const s of wordSegmenter.segment(text)) if (s.isWordLike) out.push({ word: s.segment, start: s.index, end: s.index + s.segment.length })
  return out
}

/** Sentence spans of `text`, trailing whitespace trimmed. */
export function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (const s of sentenceSegmenter.segment(text)) {
    const trimmed = s.segment.trimEnd()
    if (trimmed.trim().length > 0) out.push({ start: s.index, end: s.index + trimmed.length })
  }
  return out
}

/**
 * Terms to look for in passages. `indexTerms` are the query as the full-text index analysed it (stemmed, stop words dropped);
 * a stem that is not a prefix of its query word ("many" -> "mani") is replaced by the word itself, so it can still be found.
 * Without index terms (no index yet) the query's own words are used.
 */
export function queryTerms(query: string, indexTerms: readonly string[]): string[] {
  const surface = words(query).map((w) => fold(w.word))
  if (indexTerms.length === 0) return [...new Set(surface.filter((t) => t.length > 0))]
  const terms = indexTerms.map(fold).map((term) => {
    if (surface.some((w) => w.startsWith(term))) return term
    return surface.find((w) => w.length > 3 && term.startsWith(w.slice(0, -1))) ?? term
  })
  return [...new Set(terms.filter((t) => t.length > 0))]
}

/** Letters and digits of space-separated scripts (a CJK character ends a Latin word: "API接口"). */
const WORD_CHAR = /[\p{L}\p{N}]/u
const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c) && !CJK.test(c)

/** `text` folded (see fold) with, for each folded UTF-16 unit, the span of the original character it came from. */
interface FoldedText {
  folded: string
  originStart: number[]
  originEnd: number[]
  /** Offsets of the original text where a word starts or ends (Intl word segmentation), read on first use. */
  wordEdges: () => Set<number>
}

const foldCache = new Map<string, string>()

/** Folds character by character so matches in the folded text map back to exact ranges of the original. */
function foldWithMap(text: string): FoldedText {
  let folded = ''
  const originStart: number[] = []
  const originEnd: number[] = []
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!
    const width = code > 0xffff ? 2 : 1
    const char = text.slice(i, i + width)
    let out: string
    if (code < 128) out = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char
    else {
      out = foldCache.get(char) ?? fold(char)
      if (foldCache.size < 10_000) foldCache.set(char, out)
    }
    folded += out
    for (let k = 0; k < out.length; k++) originStart.push(i), originEnd.push(i + width)
    i += width
  }
  let edges: Set<number> | undefined
  const wordEdges = () => (edges ??= wordEdgesOf(text))
  return { folded, originStart, originEnd, wordEdges }
}

/** Offsets where the segments of `text` (words, spaces, punctuation) start and end. */
function wordEdgesOf(text: string): Set<number> {
  const edges = new Set<number>([text.length])
  for (const s of wordSegmenter.segment(text)) edges.add(s.index)
  return edges
}

/**
 * Spans of `term` in the folded text. CJK terms of two or more characters match anywhere (the passage may be segmented
 * differently from the query); a single CJK character only where it stands alone, or, for a Han character, where word
 * segmentation reads it as a word of its own (夜 in 夜に, 吵 in 很吵, not 夜 in 半夜). Other terms match at a word start
 * and cover the whole word, which may run on by up to MAX_SUFFIX letters when the term is a stem of 3+ letters ("run" ->
 * "running").
 */
function findTerm(text: FoldedText, term: string): [number, number][] {
  const { folded, originStart, originEnd } = text
  const spans: [number, number][] = []
  const cjk = CJK.test(term)
  const single = cjk && [...term].length === 1
  for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
    let end = at + term.length
    if (single && !isWholeWord(text, at, end)) continue
    if (!cjk) {
      if (isWordChar(folded[at - 1])) continue
      let wordEnd = end
      while (isWordChar(folded[wordEnd])) wordEnd++
      if (wordEnd > end && !(term.length >= 3 && wordEnd - end <= MAX_SUFFIX)) continue
      end = wordEnd
    }
    spans.push([originStart[at]!, originEnd[end - 1]!])
  }
  return spans
}

/**
 * True when the single character folded[at, end) is a word of its own: nothing written without a space beside it, or a
 * Han character that word segmentation reads as a word (a single kana is mostly a particle, の or に: not worth marking).
 */
function isWholeWord(text: FoldedText, at: number, end: number): boolean {
  if (!CJK.test(text.folded[at - 1] ?? '') && !CJK.test(text.folded[end] ?? '')) return true
  if (!HAN.test(text.folded.slice(at, end))) return false
  const edges = text.wordEdges()
  return edges.has(text.originStart[at]!) && edges.has(text.originEnd[end - 1]!)
}

/** Where each term occurs in `text`: per term, its [start, end) spans. */
export function termOccurrences(text: string, terms: readonly string[]): Map<string, [number, number][]> {
  const found = new Map<string, [number, number][]>()
  if (terms.length === 0) return found
  const folded = foldWithMap(text)
  for (const term of terms) {
    const spans = findTerm(folded, term)
    if (spans.length > 0) found.set(term, spans)
  }
  return found
}

/**
 * Fraction of `terms` found in `text` (0 when there are no terms). A fast substring test on the folded text (no word
 * boundaries), since it runs on every keyword candidate; highlights use the exact word matching of termOccurrences.
 */
export function termCoverage(text: string, terms: readonly string[]): number {
  if (terms.length === 0) return 0
  const folded = fold(text)
  return terms.filter((term) => folded.includes(term)).length / terms.length
}

/**
 * Share of the query's words found in `text`, each word a group of spellings (its stem, its translations): a word counts
 * as found when any of its spellings is in the folded text (as termCoverage). 1 when there are no groups.
 */
export function groupCoverage(text: string, groups: readonly (readonly string[])[]): number {
  if (groups.length === 0) return 1
  const folded = fold(text)
  return groups.filter((group) => group.some((term) => folded.includes(term))).length / groups.length
}

/** Term highlight ranges in `text`, sorted and merged where they overlap or touch. */
export function termHighlights(text: string, terms: readonly string[]): HighlightRange[] {
  const spans = [...termOccurrences(text, terms).values()].flat().sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: HighlightRange[] = []
  for (const [start, end] of spans) {
    const last = merged.at(-1)
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end, kind: 'term' })
  }
  return merged
}

/** The sentence holding the most distinct query terms (earliest on ties), or null when no sentence holds any. */
export function sentenceByTerms(text: string, terms: readonly string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null
  let bestCount = 0
  for (const span of sentences(text)) {
    const count = termOccurrences(text.slice(span.start, span.end), terms).size
    if (count > bestCount) (best = span), (bestCount = count)
  }
  return best
}

/** Letter runs of a folded text (the words a misspelt query word is compared with). */
const LETTER_RUN = /\p{L}+/gu
/** Edits allowed between a misspelt query word and its spelling in the notes (as the full-text index's fuzzy match). */
const MAX_EDITS = 2

/**
 * How a misspelt query word is written in `texts` ("ghandi" -> "gandhi"): the word within MAX_EDITS edits (insertions,
 * deletions, substitutions, swaps of neighbours) found in most texts, the closer one on ties; null when there is none.
 */
export function respelling(word: string, texts: readonly string[]): string | null {
  const target = fold(word)
  const seenIn = new Map<string, number>()
  for (const text of texts) {
    const found = new Set<string>()
    for (const candidate of fold(text).match(LETTER_RUN) ?? []) {
      if (candidate !== target && !found.has(candidate) && Math.abs(candidate.length - target.length) <= MAX_EDITS && editDistance(candidate, target) <= MAX_EDITS) found.add(candidate)
    }
    for (const candidate of found) seenIn.set(candidate, (seenIn.get(candidate) ?? 0) + 1)
  }
  let best: string | null = null
  for (const [candidate, count] of seenIn) {
    const bestCount = best === null ? 0 : seenIn.get(best)!
    if (count > bestCount || (count === bestCount && editDistance(candidate, target) < editDistance(best!, target))) best = candidate
  }
  return best
}

/** Optimal string alignment distance: Levenshtein plus swaps of neighbouring letters, each edit costing 1. */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current.push(value)
    }
    before = previous
    previous = current
  }
  return previous[b.length]!
}
