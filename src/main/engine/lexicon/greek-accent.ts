// Greek words whose accent moved or was left out: ανθρώπου -> άνθρωπος, ΣΥΣΤΗΜΑ (written in capitals) -> σύστημα.

const GREEK = /\p{Script=Greek}/u
/** Accented lower-case vowel -> the same vowel without the accent (the diaeresis stays: ΐ -> ϊ). */
const UNACCENTED: Readonly<Record<string, string>> = { ά: 'α', έ: 'ε', ή: 'η', ί: 'ι', ό: 'ο', ύ: 'υ', ώ: 'ω', ΐ: 'ϊ', ΰ: 'ϋ' }
const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(UNACCENTED).map(([accented, plain]) => [plain, accented]))
const ACCENTED_VOWELS = /[άέήίόύώΐΰ]/gu

/** True when `word` holds Greek letters. */
export function isGreek(word: string): boolean {
  return GREEK.test(word)
}

/** `word` (lower case, NFC) with its accents left out; the same length, letter for letter. */
export function withoutGreekAccents(word: string): string {
  return word.replace(ACCENTED_VOWELS, (vowel) => UNACCENTED[vowel]!)
}

/** A Greek syllable's vowel or diphthong (the accent goes on a diphthong's second letter: είναι, ουρανού). */
const GREEK_NUCLEUS = /αι|ει|οι|υι|ου|αυ|ευ|ηυ|[αεηιουωϊϋ]/gu

/**
 * The other ways `word` (lower case, NFC) may be written: without its accent when it has one (as in capitals:
 * μουσική -> μουσικη), or, written without one, with the accent on each of its last three syllables, where Greek
 * puts it (μουσικη -> μούσικη, μουσίκη, μουσική: the words that do not exist match nothing). A word of one syllable,
 * usually written without an accent, has none.
 */
export function otherGreekSpellings(word: string): string[] {
  if (!isGreek(word)) return []
  const plain = withoutGreekAccents(word)
  if (plain !== word) return [plain]
  const nuclei = [...plain.matchAll(GREEK_NUCLEUS)]
  if (nuclei.length < 2) return []
  return nuclei.slice(-3).map((nucleus) => {
    const at = nucleus.index + nucleus[0].length - 1
    return plain.slice(0, at) + (ACCENTED[plain[at]!] ?? plain[at]) + plain.slice(at + 1)
  })
}

/**
 * What `read` gives for `word` with its accent on another vowel, or for one of the forms `suffixRules` (read without
 * accents) rewrite it to with the accent anywhere: a Greek word has one accent, and it moves as the word inflects
 * (ανθρώπου, genitive of άνθρωπος) while words in capitals are written without it. The word as it stands is tried
 * before its rewrites, and accent positions nearest the word's own (or the last but one vowel, the commonest place,
 * when it has none) first. `minStem` letters must remain before a rewritten ending.
 */
export function readWithMovedAccent<T>(word: string, suffixRules: readonly (readonly [string, string])[], minStem: number, read: (form: string) => T | undefined): T | undefined {
  const plain = withoutGreekAccents(word)
  let accentAt = -1
  for (let i = 0; i < word.length && accentAt < 0; i++) if (word[i] !== plain[i]) accentAt = i
  const forms = [plain]
  for (const [suffix, replacement] of suffixRules) {
    if (plain.length - suffix.length >= minStem && plain.endsWith(suffix)) forms.push(plain.slice(0, plain.length - suffix.length) + replacement)
  }
  for (const form of forms) {
    for (const accented of accentPlacements(form, accentAt)) {
      if (accented === word) continue
      const found = read(accented)
      if (found !== undefined) return found
    }
  }
  return undefined
}

/** Unaccented Greek suffix rules, each once, in their order (for readWithMovedAccent). */
export function greekRulesWithoutAccents(suffixRules: readonly (readonly [string, string])[]): [string, string][] {
  const seen = new Set<string>()
  const rules: [string, string][] = []
  for (const [suffix, replacement] of suffixRules) {
    if (!isGreek(suffix + replacement)) continue
    const rule: [string, string] = [withoutGreekAccents(suffix), withoutGreekAccents(replacement)]
    const key = rule.join('\t')
    if (!seen.has(key)) rules.push(rule)
    seen.add(key)
  }
  return rules
}

/**
 * `plain` with the accent on each of its vowels, nearest `near` first (-1: near the last but one vowel), then `plain`
 * itself (words of one syllable are written without it).
 */
function accentPlacements(plain: string, near: number): string[] {
  const vowels = [...plain.matchAll(/[αεηιουωϊϋ]/gu)].map((match) => match.index)
  const target = near >= 0 ? near : (vowels[Math.max(0, vowels.length - 2)] ?? 0)
  const placements = vowels
    .sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || b - a)
    .map((at) => plain.slice(0, at) + ACCENTED[plain[at]!]! + plain.slice(at + 1))
  return [...placements, plain]
}
