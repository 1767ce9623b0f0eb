// Korean words as their longest known beginning: particles and endings follow the stem (학교에서 -> 학교).

/** Stems looked up: two syllables at least (one is too ambiguous), and at most this many. */
const MIN_KOREAN_STEM = 2
const MAX_KOREAN_STEM = 8
const HANGUL = /\p{Script=Hangul}/u

/** True when `word` holds Hangul. */
export function isKorean(word: string): boolean {
  return HANGUL.test(word)
}

/**
 * What `read` gives for the longest beginning of `word` (two to eight syllables, the whole word included) it reads, or
 * undefined. Korean writes particles and endings after the stem (학교에서 -> 학교, 준비했다 -> 준비).
 */
export function readKoreanStem<T>(word: string, read: (stem: string) => T | undefined): T | undefined {
  const syllables = [...word]
  for (let end = Math.min(syllables.length, MAX_KOREAN_STEM); end >= MIN_KOREAN_STEM; end--) {
    const found = read(end === syllables.length ? word : syllables.slice(0, end).join(''))
    if (found !== undefined) return found
  }
  return undefined
}
