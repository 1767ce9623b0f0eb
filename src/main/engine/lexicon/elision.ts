// French and Italian words without the elided word written onto them: l'option -> option, dell'utente -> utente.

/**
 * Words written elided onto the next word, before an apostrophe: French le/la, de, que, ne, se, ce, je, me, te and
 * lorsque, puisque, jusque, quoique; Italian lo/la, una, the prepositions with an article (dell', all', dall', nell',
 * sull', coll'), quello, questo, nessuno, buono, santo.
 */
const ELIDED = new Set(['l', 'd', 'qu', 'n', 's', 'c', 'j', 'm', 't', 'lorsqu', 'puisqu', 'jusqu', 'quoiqu', 'un', 'dell', 'all', 'dall', 'nell', 'sull', 'coll', 'quell', 'quest', 'nessun', 'buon', 'sant'])
const APOSTROPHE = /['\u2019]/

/** `word` without its elided first word (l'utilisateur -> utilisateur, qu'il -> il), or undefined when it has none. */
export function withoutElision(word: string): string | undefined {
  const at = word.search(APOSTROPHE)
  if (at <= 0 || at === word.length - 1 || !ELIDED.has(word.slice(0, at))) return undefined
  return word.slice(at + 1)
}
