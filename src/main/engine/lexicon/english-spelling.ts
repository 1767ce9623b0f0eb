// British and American spellings of one English word (colour and color), told apart from look-alikes by their translations.
import type { LexiconView } from './format'

/** Spellings British English writes one way and American English the other (British first); "our" anywhere, the rest as endings. */
const SPELLING_ENDINGS: readonly (readonly [string, string])[] = [
  ['re', 'er'],
  ['ise', 'ize'],
  ['isation', 'ization'],
  ['yse', 'yze'],
  ['ogue', 'og'],
  ['ence', 'ense'],
  ['mme', 'm'],
  ['ey', 'ay']
]

/**
 * The American spelling of the British-spelled English lemma `lemma` (colour -> color, centre -> center, favourite ->
 * favorite, grey -> gray), or null. The dictionaries read through English gloss in American spelling (CC-CEDICT has
 * "color" and no "colour", and reads "neighbour" only in the gloss of 质子, a prince sent to a neighbouring state).
 */
export function americanSpelling(lexicon: LexiconView, lemma: string): string | null {
  return respellings(lexicon, lemma, 'american')[0] ?? null
}

/** The other spellings of the English lemma `lemma`, British or American (color -> colour, colour -> color). */
export function spellingVariants(lexicon: LexiconView, lemma: string): string[] {
  return [...respellings(lexicon, lemma, 'american'), ...respellings(lexicon, lemma, 'british')]
}

/**
 * Respellings of `lemma` in the other spelling that the lexicon knows as lemmas and that share a translation with it in
 * one of its languages at least: look-alikes translate apart and are left out (tour -> tor, hour -> hor, key -> kay).
 */
function respellings(lexicon: LexiconView, lemma: string, into: 'american' | 'british'): string[] {
  const [from, to] = into === 'american' ? [0, 1] : [1, 0]
  const candidates = new Set<string>()
  for (const pair of [['our', 'or'], ...SPELLING_ENDINGS] as const) {
    const [a, b] = [pair[from], pair[to]]
    if (pair[0] === 'our') {
      for (let at = lemma.indexOf(a); at > 0; at = lemma.indexOf(a, at + 1)) candidates.add(lemma.slice(0, at) + b + lemma.slice(at + a.length))
    } else if (lemma.endsWith(a) && lemma.length > a.length + 1) {
      candidates.add(lemma.slice(0, lemma.length - a.length) + b)
    }
  }
  candidates.delete(lemma)
  return [...candidates].filter((candidate) => lexicon.isEnglishLemma(candidate) && shareTranslation(lexicon, lemma, candidate))
}

function shareTranslation(lexicon: LexiconView, a: string, b: string): boolean {
  return lexicon.languages.some((lang) => {
    const ofA = new Set(lexicon.fromEnglish(lang, a).map(([word]) => word))
    return ofA.size > 0 && lexicon.fromEnglish(lang, b).some(([word]) => ofA.has(word))
  })
}
