// Arabic words without their attached article and conjunctions: والكتاب -> كتاب when the dictionary knows the rest.

/**
 * Prefixes written onto Arabic words (and, with, for, so, like; the; and/with/like/so + the), shortest first: the
 * dictionaries list many nouns with their article (الكتاب: book, while كتاب alone reads "casebook"), so والكتاب is read
 * as الكتاب before كتاب.
 */
const ARABIC_PREFIXES = ['و', 'ب', 'ل', 'ف', 'ك', 'ال', 'لل', 'وال', 'بال', 'كال', 'فال', 'وبال']
/** Letters the rest must keep (a shorter rest is too ambiguous). */
const MIN_ARABIC_STEM = 2
const ARABIC = /\p{Script=Arabic}/u

/** True when `word` holds Arabic letters. */
export function isArabic(word: string): boolean {
  return ARABIC.test(word)
}

/** What `read` gives for `word` without the first attached prefix (shortest first) whose rest it reads, or undefined. */
export function readWithoutArabicPrefix<T>(word: string, read: (rest: string) => T | undefined): T | undefined {
  for (const prefix of ARABIC_PREFIXES) {
    if (!word.startsWith(prefix) || word.length - prefix.length < MIN_ARABIC_STEM) continue
    const found = read(word.slice(prefix.length))
    if (found !== undefined) return found
  }
  return undefined
}
