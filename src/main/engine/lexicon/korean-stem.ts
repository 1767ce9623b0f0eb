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
 * The longest beginning of `word` (two to eight syllables, the whole word included) that `known` accepts, or null.
 * Korean writes particles and endings after the stem (학교에서 -> 학교, 준비했다 -> 준비).
 */
export function koreanStem(word: string, known: (stem: string) => boolean): string | null {
  const syllables = [...word]
  for (let end = Math.min(syllables.length, MAX_KOREAN_STEM); end >= MIN_KOREAN_STEM; end--) {
    const stem = end === syllables.length ? word : syllables.slice(0, end).join('')
    if (known(stem)) return stem
  }
  return null
}
