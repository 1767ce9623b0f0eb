// Russian and Ukrainian reflexive verbs: a verb form with the ending -ся or -сь (используется, вдалося) read as the form without it.

/** A Cyrillic word of at least three letters before a reflexive ending. */
const REFLEXIVE = /^(\p{Script=Cyrillic}{3,})(?:ся|сь)$/u

/** `word` (lower case) without its reflexive ending -ся / -сь (используется -> использует), or undefined when it has none. */
export function withoutReflexivePostfix(word: string): string | undefined {
  return REFLEXIVE.exec(word)?.[1]
}
