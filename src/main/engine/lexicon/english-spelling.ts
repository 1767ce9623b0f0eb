// British and American spellings of one English word (colour and color), told apart from look-alikes by their translations.
import type { LexiconView } from './format'

/** A spelling British English writes one way and American English the other: British, American. */
type SpellingPair = readonly [string, string]

/** Written so anywhere in a word (favourite, neighbourhood). */
const ANYWHERE: readonly SpellingPair[] = [['our', 'or']]
/** Written so at a word's end (centre, organise, analyse, catalogue, licence, programme, grey). */
const ENDINGS: readonly SpellingPair[] = [
  ['re', 'er'],
  ['ise', 'ize'],
  ['isation', 'ization'],
  ['yse', 'yze'],
  ['ogue', 'og'],
  ['ence', 'ense'],
  ['mme', 'm'],
  ['ey', 'ay']
]

/** The other spellings of an English lemma: American ones of a British spelling, British ones of an American spelling. */
export interface OtherSpellings {
  american: string[]
  british: string[]
}

/**
 * The other spellings of the English lemma `lemma` that the lexicon knows as lemmas and that share a translation with
 * it in one of its languages at least (colour: color; color: colour; centre: center; grey: gray). Look-alikes translate
 * apart and are left out (tour -> tor, hour -> hor, key -> kay). The dictionaries read through English gloss in American
 * spelling (CC-CEDICT has "color" and no "colour", and reads "neighbour" only in the gloss of 质子, a prince sent to a
 * neighbouring state), so a British spelling is translated as its American one.
 */
export function otherSpellings(lexicon: LexiconView, lemma: string): OtherSpellings {
  return { american: respellings(lexicon, lemma, (pair) => pair), british: respellings(lexicon, lemma, ([british, american]) => [american, british]) }
}

/** Respellings of `lemma` by the pairs read `from -> to` as `direction` orders them, kept when the lexicon confirms them. */
function respellings(lexicon: LexiconView, lemma: string, direction: (pair: SpellingPair) => SpellingPair): string[] {
  const candidates = new Set<string>()
  for (const [from, to] of ANYWHERE.map(direction)) {
    for (let at = lemma.indexOf(from); at > 0; at = lemma.indexOf(from, at + 1)) candidates.add(lemma.slice(0, at) + to + lemma.slice(at + from.length))
  }
  for (const [from, to] of ENDINGS.map(direction)) {
    if (lemma.endsWith(from) && lemma.length > from.length + 1) candidates.add(lemma.slice(0, lemma.length - from.length) + to)
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
