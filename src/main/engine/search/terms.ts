// Query terms matched in passage text, CJK-aware (Intl.Segmenter): term highlight ranges, coverage, sentence spans.
import type { HighlightRange } from '../../../shared/types'

const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' })
const sentenceSegmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' })

/** Han, kana and Hangul: scripts written without spaces, where a term is matched as a substring. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
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
 * without them (no index yet) the query's own words are used.
 */
export function queryTerms(query: string, indexTerms: readonly string[]): string[] {
  const terms = indexTerms.length > 0 ? indexTerms.map(fold) : words(query).map((w) => fold(w.word))
  return [...new Set(terms.filter((t) => t.length > 0))]
}

/** Whether folded passage word `word` is term `term` or an inflection of it (the term being its stem). */
function wordMatches(word: string, term: string): boolean {
  if (word === term) return true
  return term.length >= 3 && word.startsWith(term) && word.length - term.length <= MAX_SUFFIX
}

/** Where each term occurs in `text`: per term, its [start, end) spans. */
export function termOccurrences(text: string, terms: readonly string[]): Map<string, [number, number][]> {
  const found = new Map<string, [number, number][]>()
  if (terms.length === 0) return found
  const add = (term: string, start: number, end: number) => {
    const list = found.get(term) ?? []
    list.push([start, end])
    found.set(term, list)
  }
  const spans = words(text)
  const folded = spans.map((w) => fold(w.word))
  for (const term of terms) {
    // CJK terms of two or more characters are found anywhere (segmentation of the passage may differ from the query's);
    // single CJK characters and other scripts only as whole words, else they would light up half the text.
    if (CJK.test(term) && [...term].length >= 2) {
      const haystack = text.toLowerCase()
      for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + term.length)) add(term, at, at + term.length)
      continue
    }
    folded.forEach((word, i) => {
      if (wordMatches(word, term)) add(term, spans[i]!.start, spans[i]!.end)
    })
  }
  return found
}

/** Fraction of `terms` that occur in `text` (0 when there are no terms). */
export function termCoverage(text: string, terms: readonly string[]): number {
  if (terms.length === 0) return 0
  return termOccurrences(text, terms).size / terms.length
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
