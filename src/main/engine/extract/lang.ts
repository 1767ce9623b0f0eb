// A note's language: the script decides CJK and others; among Latin-script languages their function words decide, and a
// language identifier (eld's n-grams) where too few of them do; "und" when unsure.
import { forEachLetterRun } from '../model/word-runs'

/** Characters of a text the guess looks at (its start). */
export const LANGUAGE_SAMPLE_CHARS = 20_000

/** `sample` with `text` added after a blank line, while it is shorter than what the guess reads (else `sample` as it is). */
export function extendLanguageSample(sample: string, text: string): string {
  if (sample.length >= LANGUAGE_SAMPLE_CHARS) return sample
  return sample ? `${sample}\n\n${text}` : text
}

/** The Latin-script languages Semnote reads (the query lexicon's), English first; a Latin-script text is told as one of them. */
export const LATIN_SCRIPT_LANGUAGES = ['en', 'es', 'de', 'fr', 'pt', 'it', 'nl', 'tr', 'pl', 'id', 'sv', 'da', 'no', 'cs', 'hr', 'fi', 'hu', 'ro'] as const
/** eld names Indonesian by its close kin Malay (its model has no Indonesian of its own). */
const ELD_NAMES: Record<string, string> = { id: 'ms' }
const FROM_ELD_NAME = new Map(LATIN_SCRIPT_LANGUAGES.map((lang) => [ELD_NAMES[lang] ?? lang, lang]))

type LatinIdentifier = (typeof import('eld/extrasmall'))['eld']
let loadingLatinIdentifier: Promise<LatinIdentifier> | null = null

/**
 * The Latin-script language identifier (eld, its smallest n-gram table), loaded on a thread's first text that needs it:
 * ~0.25 s and ~30 MB of heap, which a thread whose notes their function words all decide never spends.
 */
function latinIdentifier(): Promise<LatinIdentifier> {
  loadingLatinIdentifier ??= import('eld/extrasmall').then(({ eld }) => {
    eld.setLanguageSubset([...FROM_ELD_NAME.keys()])
    return eld
  })
  return loadingLatinIdentifier
}

const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'is', 'of', 'to', 'in', 'that', 'it', 'for', 'with', 'this', 'are', 'was'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'ich', 'sie', 'auf'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'un', 'du', 'dans', 'pour', 'que', 'pas'],
  es: ['el', 'la', 'los', 'las', 'y', 'es', 'de', 'que', 'en', 'una', 'por', 'con', 'para'],
  it: ['e', 'di', 'che', 'per', 'non', 'sono', 'della', 'gli', 'nel', 'questo', 'anche', 'alla', 'nella'],
  pt: ['o', 'os', 'e', 'da', 'dos', 'das', 'em', 'um', 'uma', 'na', 'ao', 'pelo', 'pela'],
  nl: ['het', 'een', 'van', 'niet', 'zijn', 'voor', 'met', 'op', 'dat', 'ook', 'naar', 'bij', 'wordt'],
  tr: ['ve', 'bir', 'bu', 'ile', 'gibi', 'daha', 'ama', 'olarak', 'kadar', 'sonra', 'var', 'yok', 'ise'],
  pl: ['nie', 'na', 'jest', 'w', 'z', 'do', 'po', 'od', 'za', 'ale', 'jak', 'tak', 'przez', 'dla', 'oraz'],
  id: ['yang', 'dan', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dari', 'ke', 'dalam', 'akan', 'pada', 'adalah'],
  sv: ['och', 'att', 'inte', 'jag', 'eller', 'till', 'hade', 'mycket', 'kommer', 'detta', 'vara', 'sig', 'har'],
  da: ['og', 'ikke', 'jeg', 'af', 'efter', 'meget', 'hvad', 'havde', 'bliver', 'denne', 'til', 'sig', 'har'],
  no: ['og', 'ikke', 'jeg', 'av', 'etter', 'mye', 'hva', 'hadde', 'blir', 'denne', 'til', 'seg', 'har'],
  cs: ['je', 'se', 'jsou', 'pro', 'jsem', 'jako', 'nebo', 've', 'ale', 'jak', 'tak', 'aby', 'byl'],
  hr: ['je', 'se', 'su', 'kao', 'ili', 'koji', 'nije', 'biti', 'sam', 'da', 'za', 'ali', 'samo'],
  fi: ['ja', 'on', 'ei', 'oli', 'kun', 'mutta', 'tai', 'niin', 'kuin', 'nyt', 'vain', 'jos', 'ovat'],
  hu: ['az', 'hogy', 'nem', 'egy', 'meg', 'van', 'volt', 'ez', 'azt', 'csak', 'mint', 'vagy', 'kell'],
  // a-z words only (see latinLanguageByStopWords): și, să, în and că are looked at by eld.
  ro: ['este', 'sunt', 'pentru', 'sau', 'nu', 'mai', 'unui', 'unei', 'acest', 'care', 'din', 'cu', 'pe']
}

/** Letters Ukrainian writes and Russian does not, and the other way round, both cases. */
const UKRAINIAN_ONLY = 'іїєґІЇЄҐ'
const RUSSIAN_ONLY = 'ыэъёЫЭЪЁ'
const UKRAINIAN_LETTERS = new Set([...UKRAINIAN_ONLY].map((letter) => letter.codePointAt(0)!))
const RUSSIAN_LETTERS = new Set([...RUSSIAN_ONLY].map((letter) => letter.codePointAt(0)!))
const UKRAINIAN_LETTER = new RegExp(`[${UKRAINIAN_ONLY}]`, 'u')

/** True when `word` is written with a letter of Ukrainian's own (і ї є ґ), which Russian does not write. */
export function hasUkrainianLetters(word: string): boolean {
  return UKRAINIAN_LETTER.test(word)
}

/**
 * Guesses a BCP 47 language code ("und" when unsure): what languageOfScriptAndWords tells, else eld's language
 * identifier (a Latin-script text too few function words decide: a short note, a list of names or commands).
 */
export async function guessLanguage(text: string): Promise<string> {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS)
  return languageOfScriptAndWords(sample) ?? identifyLatin(await latinIdentifier(), sample)
}

/**
 * A BCP 47 language code from what is quick to tell: script counts decide zh/ja/ko/ru/ar/... (Cyrillic text with more of
 * Ukrainian's own letters than of Russian's is uk), stop words among Latin-script languages; "und" without letters; null
 * for Latin-script text the stop words do not decide (then guessLanguage asks the identifier).
 */
export function languageOfScriptAndWords(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS)
  const counts = { han: 0, kana: 0, hangul: 0, cyrillic: 0, ukrainianLetters: 0, russianLetters: 0, arabic: 0, hebrew: 0, greek: 0, thai: 0, devanagari: 0, latin: 0 }
  for (let at = 0; at < sample.length; at++) {
    // Code points, as for...of would give them (a lone surrogate stands for itself).
    let code = sample.charCodeAt(at)
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < sample.length) {
      const low = sample.charCodeAt(at + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000
        at++
      }
    }
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) counts.latin++
    } else if ((code >= 0x3040 && code <= 0x30ff) || (code >= 0x31f0 && code <= 0x31ff)) counts.kana++
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x20000 && code <= 0x2ffff)) counts.han++
    else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff)) counts.hangul++
    else if (code >= 0x0400 && code <= 0x04ff) {
      counts.cyrillic++
      if (UKRAINIAN_LETTERS.has(code)) counts.ukrainianLetters++
      else if (RUSSIAN_LETTERS.has(code)) counts.russianLetters++
    } else if (code >= 0x0600 && code <= 0x06ff) counts.arabic++
    else if (code >= 0x0590 && code <= 0x05ff) counts.hebrew++
    else if (code >= 0x0370 && code <= 0x03ff) counts.greek++
    else if (code >= 0x0e00 && code <= 0x0e7f) counts.thai++
    else if (code >= 0x0900 && code <= 0x097f) counts.devanagari++
    else if (code >= 0x00c0 && code <= 0x024f) counts.latin++
  }
  const cjk = counts.han + counts.kana + counts.hangul
  // Latin letters are ~4x as many per word as CJK characters; weigh them down before comparing.
  const latinWeight = counts.latin / 4
  if (cjk > 0 && cjk >= latinWeight) {
    if (counts.kana >= cjk * 0.05) return 'ja'
    if (counts.hangul > counts.han) return 'ko'
    return 'zh'
  }
  const scripts: [string, number][] = [
    ['ru', counts.cyrillic], ['ar', counts.arabic], ['he', counts.hebrew], ['el', counts.greek], ['th', counts.thai], ['hi', counts.devanagari]
  ]
  const [topScript, topCount] = scripts.reduce((best, entry) => (entry[1] > best[1] ? entry : best))
  if (topCount > counts.latin) return topScript === 'ru' && counts.ukrainianLetters > counts.russianLetters ? 'uk' : topScript
  if (counts.latin === 0) return 'und'
  return latinLanguageByStopWords(sample)
}

/** A word of the letters a-z as a number: its letters as base-27 digits 1-26 (one number per word of up to 11 letters). */
function asciiWordKey(text: string, start: number, end: number): number {
  let key = 0
  for (let i = start; i < end; i++) key = key * 27 + (text.charCodeAt(i) - 0x60)
  return key
}

/** Stop word (asciiWordKey) -> the languages whose list has it (one pass over the words scores every language). */
const STOPWORD_LANGUAGES = new Map<number, string[]>()
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const word of words) {
    const key = asciiWordKey(word, 0, word.length)
    STOPWORD_LANGUAGES.set(key, [...(STOPWORD_LANGUAGES.get(key) ?? []), lang])
  }
}

/** Longest stop word: longer words are counted without being looked up. */
const LONGEST_STOPWORD = Math.max(...Object.values(STOPWORDS).flat().map((word) => word.length))

/** True when text[start, end) is only the letters a-z (every stop word is). */
function isAsciiLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x61 || code > 0x7a) return false
  }
  return true
}

/**
 * Scores the Latin-script languages by the stop words among the words (letter runs, /\p{L}+/gu) of the lower-cased sample.
 * Only short a-z words can be stop words, so only those are looked up, by number (no word is made a string). A sample
 * they do not decide (fewer than two, a tie, under three words: two thirds of Tatoeba's English sentences) gives null.
 */
function latinLanguageByStopWords(sample: string): string | null {
  const lowered = sample.toLowerCase()
  let words = 0
  const scoreOf = new Map(Object.keys(STOPWORDS).map((lang) => [lang, 0]))
  forEachLetterRun(lowered, (start, end) => {
    words++
    if (end - start > LONGEST_STOPWORD || !isAsciiLower(lowered, start, end)) return
    for (const lang of STOPWORD_LANGUAGES.get(asciiWordKey(lowered, start, end)) ?? []) scoreOf.set(lang, scoreOf.get(lang)! + 1)
  })
  // Sorted by score, ties in STOPWORDS order (a stable sort, as before).
  const scores = [...scoreOf].sort((a, b) => b[1] - a[1])
  const [bestLang, bestScore] = scores[0]!
  if (words < 3 || bestScore < Math.max(2, words * 0.05) || bestScore === scores[1]![1]) return null
  return bestLang
}

/** Scores (0-1) of the two likeliest languages closer than this are a tie: eld's own margin for a reliable answer. */
const ELD_NEAR_TIE = 0.01

/** The language eld finds in `text` among LATIN_SCRIPT_LANGUAGES, or "und" when it finds none or is unsure. */
function identifyLatin(identifier: LatinIdentifier, text: string): string {
  const found = identifier.detect(text)
  if (!found.isReliable()) return 'und'
  // eld takes a near tie to be unreliable too, but its isReliable (2.1.0) compares the best score with the runner-up's
  // language number instead of its score: its rule is applied here ("I'm gay, so?": German 0.749, English 0.745).
  const [best = 0, runnerUp = 0] = Object.values(found.getScores()).sort((a, b) => b - a)
  return best - runnerUp < ELD_NEAR_TIE ? 'und' : (FROM_ELD_NAME.get(found.language) ?? 'und')
}
