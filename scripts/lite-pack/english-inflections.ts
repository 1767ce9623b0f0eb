// English inflected forms read to their WordNet lemmas by WordNet's own detachment rules (morphy), for the pack's vocabulary and its query lexicon.
import { morphyLemmas, type PartOfSpeech } from './english-morphy'
import type { BilingualEntry, Synset } from './sources'

/** Words of three letters or fewer written in a-z stay as they are (command names and abbreviations, see isNewWord). */
const MIN_FORM_LENGTH = 4

/** WordNet's single-word a-z lemmas by part of speech (nouns, verbs, adjectives), from readWordNet's synsets. */
export function wordNetLemmasByPart(wordnet: { synsets: readonly Synset[]; senses: ReadonlyMap<string, readonly number[]> }): Record<PartOfSpeech, Set<string>> {
  const lemmas: Record<PartOfSpeech, Set<string>> = { noun: new Set(), verb: new Set(), adj: new Set() }
  for (const [lemma, ids] of wordnet.senses) {
    if (!/^[a-z]+$/.test(lemma)) continue
    for (const id of ids) {
      const pos = wordnet.synsets[id]!.pos
      if (pos !== 'adv') lemmas[pos].add(lemma)
    }
  }
  return lemmas
}

/**
 * Each of `forms` (an English word list) that is no WordNet lemma itself but an inflection of one by morphy's rules,
 * with those lemmas as its glosses (see morphyLemmas). Lower-case a-z
 * forms of MIN_FORM_LENGTH letters or more only; inflected forms (baseForm false).
 */
export function englishInflections(forms: readonly string[], lemmas: Record<PartOfSpeech, ReadonlySet<string>>): BilingualEntry[] {
  const entries: BilingualEntry[] = []
  for (const form of new Set(forms)) {
    if (form.length < MIN_FORM_LENGTH || !/^[a-z]+$/.test(form) || Object.values(lemmas).some((set) => set.has(form))) continue
    const glosses = morphyLemmas(form, (pos, lemma) => lemmas[pos].has(lemma))
    if (glosses.length > 0) entries.push({ word: form, glosses, weight: 1, baseForm: false })
  }
  return entries
}

/**
 * Each of `forms` that is a WordNet lemma itself and also a plural or verb form of other lemmas of that part of speech
 * by morphy's rules ("contents": content; "reading": read; "evening": even), with those lemmas as its glosses. Adjective
 * rules are left out: a noun in -er is no comparative (number is not numb). Lower-case a-z forms of MIN_FORM_LENGTH
 * letters or more only. The query lexicon reads such a word as itself and these lemmas; "news" is no plural of the
 * adjective new, nor "bus" of bu.
 */
export function englishLemmaReadings(forms: readonly string[], lemmas: Record<PartOfSpeech, ReadonlySet<string>>): BilingualEntry[] {
  const entries: BilingualEntry[] = []
  for (const form of new Set(forms)) {
    if (form.length < MIN_FORM_LENGTH || !/^[a-z]+$/.test(form) || !Object.values(lemmas).some((set) => set.has(form))) continue
    const glosses = morphyLemmas(form, (pos, lemma) => pos !== 'adj' && lemmas[pos].has(lemma))
    if (glosses.length > 0) entries.push({ word: form, glosses, weight: 1, baseForm: false })
  }
  return entries
}
