// The typo-tolerant clause of a keyword query (one word matched by edit distance), kept apart from the rest of the keyword leg.
import type { FullTextQuery, LanceDbModule } from './lancedb'
import { FUZZY_MATCH_OPTIONS } from './index-policy'

/**
 * Words longer than this get no edit-distance matching. LanceDB builds a Levenshtein automaton per fuzzy term and fails
 * past its size limit ("failed to construct the fuzzy automaton ... exceeds size limit") from about 48 varied letters
 * (300 of one letter); typos worth forgiving are in words far shorter than this.
 */
export const FUZZY_MAX_LETTERS = 32

/**
 * An edit-distance match of `word` in the note text (its boost times `boostFactor`), or null when the word is too long to
 * build one for.
 */
export function fuzzyTermQuery(sdk: LanceDbModule, word: string, boostFactor = 1): FullTextQuery | null {
  if ([...word].length > FUZZY_MAX_LETTERS) return null
  return new sdk.MatchQuery(word, 'text', { ...FUZZY_MATCH_OPTIONS, boost: FUZZY_MATCH_OPTIONS.boost * boostFactor })
}
