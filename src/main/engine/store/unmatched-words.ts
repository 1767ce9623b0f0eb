// Query words the keyword hits do not contain: the sign of a misspelt word, retried by edit distance (see keywordSearch).
import type { ChunkCandidate } from './search-legs'
import { FUZZY_MAX_LETTERS, FUZZY_MIN_LETTERS } from './index-policy'

/** A run of FUZZY_MIN_LETTERS+ letters of a space-separated script (CJK words are not matched by edit distance). */
const LONG_WORD = new RegExp(`(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}])\\p{L}){${FUZZY_MIN_LETTERS},}`, 'gu')

/**
 * Words of `content` with FUZZY_MIN_LETTERS to FUZZY_MAX_LETTERS letters that occur in none of the hits (compared lower-cased, allowing
 * a two-letter inflected ending: "called" is found as "call..."): misspelt, or absent from the index.
 */
export function unmatchedWords(content: string, hits: readonly ChunkCandidate[]): string[] {
  const candidates = [...new Set(content.toLowerCase().match(LONG_WORD) ?? [])].filter((word) => [...word].length <= FUZZY_MAX_LETTERS)
  if (candidates.length === 0) return []
  const texts = hits.map((h) => `${h.title}\n${h.text}`.toLowerCase())
  return candidates.filter((word) => {
    const stem = word.slice(0, Math.max(4, word.length - 2))
    return !texts.some((text) => text.includes(stem))
  })
}
