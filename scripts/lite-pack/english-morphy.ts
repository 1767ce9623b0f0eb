// English inflected forms back to their lemmas by WordNet's own detachment rules (morphy): for the lite pack's vocabulary, its gloss words and its query lexicon's English forms.

export type PartOfSpeech = 'noun' | 'verb' | 'adj'

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

/**
 * The lemmas `form` is an inflection of by morphy's rules (nouns, verbs, then adjectives; "files" -> file, "axed" -> axe,
 * ax; "contents" -> content), those `isLemma` accepts for the rule's part of speech, -es dropped only where English
 * spelling adds it. Never `form` itself.
 */
export function morphyLemmas(form: string, isLemma: (pos: PartOfSpeech, lemma: string) => boolean): string[] {
  const lemmas = new Set<string>()
  for (const pos of ['noun', 'verb', 'adj'] as const) {
    for (const [suffix, replacement] of DETACHMENT_RULES[pos]) {
      if (!form.endsWith(suffix) || form.length === suffix.length) continue
      const lemma = form.slice(0, form.length - suffix.length) + replacement
      if (suffix === 'es' && replacement === '' && !TAKES_ES.test(lemma)) continue
      if (lemma !== form && isLemma(pos, lemma)) lemmas.add(lemma)
    }
  }
  return [...lemmas]
}
