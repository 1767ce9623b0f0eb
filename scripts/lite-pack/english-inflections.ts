// English inflected forms read to their WordNet lemmas by WordNet's own detachment rules (morphy), for the pack's vocabulary.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BilingualEntry } from './sources'

type PartOfSpeech = 'noun' | 'verb' | 'adj'

/** WordNet's detachment rules (morph.c, as its morphy applies them), by part of speech: suffix, replacement. */
const DETACHMENT_RULES: Record<PartOfSpeech, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']]
}

/**
 * Stems that take -es in English spelling (boxes, wishes, goes). Morphy's verb rule -es -> "" ignores it and reads
 * "nodes" and "sites" as nod and sit as well as node and site: only these stems may drop the -es.
 */
const TAKES_ES = /(s|x|z|ch|sh|o)$/

/** Words of three letters or fewer written in a-z stay as they are (command names and abbreviations, see isNewWord). */
const MIN_FORM_LENGTH = 4

/** WordNet's single-word lemmas by part of speech, from its index files. */
export function readWordNetLemmas(dir: string): Record<PartOfSpeech, Set<string>> {
  const read = (pos: PartOfSpeech) =>
    new Set(
      readFileSync(join(dir, `index.${pos}`), 'latin1')
        .split('\n')
        .filter((line) => line.length > 0 && !line.startsWith(' '))
        .map((line) => line.slice(0, line.indexOf(' ')))
        .filter((lemma) => /^[a-z]+$/.test(lemma))
    )
  return { noun: read('noun'), verb: read('verb'), adj: read('adj') }
}

/**
 * Each of `forms` (an English word list) that is no WordNet lemma itself but an inflection of one by morphy's rules,
 * with those lemmas as its glosses (nouns, verbs, then adjectives; "files" -> file, "axed" -> axe, ax), -es dropped
 * only where English spelling adds it (TAKES_ES). Lower-case a-z
 * forms of MIN_FORM_LENGTH letters or more only; inflected forms (baseForm false).
 */
export function englishInflections(forms: readonly string[], lemmas: Record<PartOfSpeech, ReadonlySet<string>>): BilingualEntry[] {
  const entries: BilingualEntry[] = []
  for (const form of new Set(forms)) {
    if (form.length < MIN_FORM_LENGTH || !/^[a-z]+$/.test(form) || Object.values(lemmas).some((set) => set.has(form))) continue
    const glosses = new Set<string>()
    for (const pos of ['noun', 'verb', 'adj'] as const) {
      for (const [suffix, replacement] of DETACHMENT_RULES[pos]) {
        if (!form.endsWith(suffix) || form.length === suffix.length) continue
        const lemma = form.slice(0, form.length - suffix.length) + replacement
        if (suffix === 'es' && replacement === '' && !TAKES_ES.test(lemma)) continue
        if (lemmas[pos].has(lemma)) glosses.add(lemma)
      }
    }
    if (glosses.size > 0) entries.push({ word: form, glosses: [...glosses], weight: 1, baseForm: false })
  }
  return entries
}
