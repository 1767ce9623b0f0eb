// Query translation for the keyword leg: the query's content words into the languages the index holds (via English), weighted and capped.
import { hasUkrainianLetters, LATIN_SCRIPT_LANGUAGES } from '../extract/lang'
import { TERM_REPEATS } from '../store/search-legs'
import { ENGLISH_STOP_WORDS, OTHER_STOP_WORDS, splitStopWords } from '../store/stop-words'
import type { LexiconView, WeightedList } from './format'
import { readWithoutArabicPrefix } from './arabic-prefix'
import { greekRulesWithoutAccents, readWithMovedAccent, withoutGreekAccents } from './greek-accent'
import { otherSpellings } from './english-spelling'
import { isKorean, readKoreanStem } from './korean-stem'
import { withoutReflexivePostfix } from './reflexive-postfix'

/**
 * Bounds on the expansion, so any query (10,000 characters, a word with hundreds of translations, every language in the
 * index) costs a bounded lookup and a bounded full-text query.
 */
export interface TranslationLimits {
  /** Characters of the query looked at. */
  maxQueryChars: number
  /** Content words translated (the first ones). */
  maxSourceWords: number
  /** Translations kept per word and target language (the most probable). */
  termsPerWord: number
  /** Translations kept per query (the heaviest). */
  maxTerms: number
  /** Longest word looked up (longer ones are kept untranslated). */
  maxWordChars: number
}

export const TRANSLATION_LIMITS: TranslationLimits = { maxQueryChars: 2000, maxSourceWords: 24, termsPerWord: 6, maxTerms: 64, maxWordChars: 40 }

/** A content word of the query, in the language it was read in. */
export interface SourceWord {
  /** As written in the query, lower-cased (NFKC). */
  text: string
  lang: string
  /** English lemmas with p(lemma | word); [] when the lexicon does not know the word. */
  english: WeightedList
  /** For an English word, the other spellings of its lemmas (colour: color), searched in English notes too. */
  spellings?: string[]
}

/** One translation of a source word into a language of the index. */
export interface TranslatedTerm {
  text: string
  lang: string
  /** Relative to the word's own weight: the most probable translation of the word into `lang` weighs 1. */
  weight: number
  /** Index of its word in QueryTranslation.words. */
  source: number
  /** The English word's other spelling (colour: color): the user's own word, not a translation. */
  otherSpelling?: true
}

export interface QueryTranslation {
  words: SourceWord[]
  terms: TranslatedTerm[]
}

const EMPTY: QueryTranslation = { words: [], terms: [] }
const segmenter = new Intl.Segmenter('und', { granularity: 'word' })
const HAN = /\p{Script=Han}/u
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u
/** Scripts written by one language the lexicon reads (Cyrillic by two: see cyrillicReading). */
const SCRIPT_LANGUAGES: [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Devanagari}/u, 'hi']
]
const LATIN = /\p{Script=Latin}/u
const CYRILLIC = /\p{Script=Cyrillic}/u
/** Translations under this share of their word's best one are dropped: the full-text query weighs terms in quarters (TERM_REPEATS). */
const MIN_RELATIVE_WEIGHT = 1 / (2 * TERM_REPEATS)
/** Longest CJK dictionary word tried when splitting an unknown CJK run. */
const MAX_CJK_WORD = 8

/**
 * Translates the content words of `query` into each of `targets` (BCP 47 primary languages of the index), pivoting
 * through English: p(t | w) = sum over English lemmas e of p(e | w) p(t | e). A word is read in the query's language
 * (for Latin script, the language whose dictionary knows most of the query's words and stop words; ties spread over
 * the tied languages); words the lexicon does not know stay untranslated. Translations into the word's own language
 * are the word itself (searched anyway), and a target language's function words are none. Never throws; bounded by `limits`.
 */
export function translateQuery(lexicon: LexiconView, query: string, targets: readonly string[], limits: TranslationLimits = TRANSLATION_LIMITS): QueryTranslation {
  const wanted = [...new Set(targets)].filter((lang) => lang === 'en' || lexicon.languages.includes(lang))
  if (wanted.length === 0) return EMPTY
  const text = query.slice(0, limits.maxQueryChars).normalize('NFKC').toLowerCase()
  const content = contentWords(text).filter((w) => w.length <= limits.maxWordChars)
  if (content.length === 0) return EMPTY
  const latinLanguages = queryLatinLanguages(lexicon, text, content)
  // A query written mostly in Chinese or Japanese keeps its Latin words (names, product and command names) as they are.
  const cjkQuery = cjkDominates(text)
  const cjkLanguage = KANA.test(text) ? 'ja' : 'zh'
  const words: SourceWord[] = []
  for (const word of content) {
    if (words.length >= limits.maxSourceWords) break
    const sources = cjkQuery && LATIN.test(word) ? [{ text: word, lang: latinLanguages[0]!, english: [] }] : readWord(lexicon, word, latinLanguages, cjkLanguage)
    for (const source of sources) if (words.length < limits.maxSourceWords) words.push(source)
  }
  const terms: TranslatedTerm[] = []
  words.forEach((word, index) => {
    if (word.lang === 'en' && wanted.includes('en')) for (const spelling of word.spellings ?? []) terms.push({ text: spelling, lang: 'en', weight: 1, source: index, otherSpelling: true })
    for (const lang of wanted) {
      if (lang === word.lang) continue
      const candidates = lang === 'en' ? word.english : pivot(lexicon, word.english, lang)
      const kept = candidates.filter(([term]) => term !== word.text && !isFunctionWord(lexicon, lang, term)).slice(0, limits.termsPerWord)
      const best = kept[0]?.[1] ?? 0
      for (const [term, p] of kept) if (p / best >= MIN_RELATIVE_WEIGHT) terms.push({ text: term, lang, weight: p / best, source: index })
    }
  })
  terms.sort((a, b) => b.weight - a.weight || a.source - b.source)
  return { words, terms: terms.slice(0, limits.maxTerms) }
}

/**
 * The spellings of translated terms the full-text query searches: each term, and a Greek one with accents also without
 * them, as the same weight (the full-text index keeps Greek accents, and Greek written in capitals or typed quickly has
 * none: ΜΟΥΣΙΚΗ, not ΜΟΥΣΙΚΉ). At most twice the terms.
 */
export function fullTextSpellings(terms: readonly TranslatedTerm[]): TranslatedTerm[] {
  return terms.flatMap((term) => {
    const unaccented = term.lang === 'el' ? withoutGreekAccents(term.text) : term.text
    return unaccented === term.text ? [term] : [term, { ...term, text: unaccented }]
  })
}

/**
 * True when `word` is a function word of `lang` (the lexicon's lists, or the query's own stop-word lists): never a
 * translation, since the full-text index keeps such words and they occur in most notes (も for "even" read in
 * "evening", 更 as a watch of the night).
 */
function isFunctionWord(lexicon: LexiconView, lang: string, word: string): boolean {
  return lexicon.isStopWord(lang, word) || (lang === 'en' ? ENGLISH_STOP_WORDS : OTHER_STOP_WORDS[lang])?.has(word) === true
}

/** True when CJK characters outweigh Latin letters (counted a quarter each: a Latin word has about four times the characters). */
function cjkDominates(text: string): boolean {
  let cjk = 0
  let latin = 0
  for (const char of text) {
    if (HAN.test(char) || KANA.test(char)) cjk++
    else if (LATIN.test(char)) latin++
  }
  return cjk > 0 && cjk >= latin / 4
}

/** Words of `text` minus stop words (of the query's language). */
function contentWords(text: string): string[] {
  const out: string[] = []
  for (const segment of segmenter.segment(splitStopWords(text).content)) if (segment.isWordLike) out.push(segment.segment)
  return out
}

/**
 * The Latin-script languages the query is read in: the ones whose dictionary (or stop-word list) knows most of its
 * words. A query with no known word is read as English.
 */
function queryLatinLanguages(lexicon: LexiconView, text: string, content: readonly string[]): string[] {
  const latin = content.filter((w) => LATIN.test(w))
  const all: string[] = []
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) all.push(segment.segment)
  const scores = LATIN_SCRIPT_LANGUAGES.filter((lang) => lang === 'en' || lexicon.languages.includes(lang)).map((lang) => {
    const stop = lang === 'en' ? ENGLISH_STOP_WORDS : OTHER_STOP_WORDS[lang]
    const known = latin.filter((w) => lemmaIn(lexicon, lang, w) !== null).length
    const stops = stop ? all.filter((w) => stop.has(w)).length : 0
    return { lang, score: known + stops }
  })
  const best = Math.max(...scores.map((s) => s.score))
  if (best === 0) return ['en']
  return scores.filter((s) => s.score === best).map((s) => s.lang)
}

/** The source words a query word stands for: itself in its language(s), or, for an unknown CJK run, its known parts; none for a CJK function word. */
function readWord(lexicon: LexiconView, word: string, latinLanguages: readonly string[], cjkLanguage: string): SourceWord[] {
  if (HAN.test(word) || KANA.test(word)) {
    if (lexicon.isStopWord(cjkLanguage, word)) return []
    if (lexicon.has(cjkLanguage, word)) return [{ text: word, lang: cjkLanguage, english: lexicon.toEnglish(cjkLanguage, word) }]
    return splitCjk(lexicon, word, cjkLanguage)
  }
  if (isKorean(word)) return [readKorean(lexicon, word)]
  const reading = scriptReading(lexicon, word)
  if (reading) {
    if (lexicon.isStopWord(reading.lang, word)) return []
    return [{ text: word, lang: reading.lang, english: reading.lemma ? lexicon.toEnglish(reading.lang, reading.lemma) : [] }]
  }
  if (/^\p{N}+$/u.test(word) || !LATIN.test(word)) return [{ text: word, lang: latinLanguages[0]!, english: [] }]
  // Spread over the tied languages that know the word: those that know it as written, when any does (a suffix rule
  // only guesses: "center" is no German or French word, though -er and -re end their plurals of cent).
  const known = latinLanguages.map((lang) => ({ lang, lemma: lemmaIn(lexicon, lang, word) })).filter((r) => r.lemma !== null)
  const asWritten = known.filter((r) => knowsAsWritten(lexicon, r.lang, word))
  const readings = asWritten.length > 0 ? asWritten : known
  if (readings.length === 0) return [{ text: word, lang: latinLanguages[0]!, english: [] }]
  const english = new Map<string, number>()
  let spellings: string[] = []
  for (const { lang, lemma } of readings) {
    const reading = lang === 'en' ? englishReadings(lexicon, word) : { lemmas: lexicon.toEnglish(lang, lemma!), spellings: [] }
    for (const [e, p] of reading.lemmas) english.set(e, (english.get(e) ?? 0) + p / readings.length)
    spellings = [...spellings, ...reading.spellings]
  }
  return [{ text: word, lang: readings[0]!.lang, english: sortedList(english), ...(spellings.length > 0 ? { spellings } : {}) }]
}

/**
 * `query` with each Korean word the lexicon reads followed by its English readings (those within MIN_RELATIVE_WEIGHT of
 * the best), for a model built from the lexicon's dictionaries (the lite pack): its vector of a Korean word keeps a few
 * English keys, the readings carry them all (tatoeba-ko2en hybrid R@10 0.380 with them, 0.353 without), and the word
 * itself still matches the same word in a Korean note; null when no word was read.
 */
export function koreanInEnglish(lexicon: LexiconView, query: string): string | null {
  if (!isKorean(query) || !lexicon.languages.includes('ko')) return null
  let read = false
  const parts: string[] = []
  for (const { segment, isWordLike } of segmenter.segment(query.slice(0, TRANSLATION_LIMITS.maxQueryChars).normalize('NFKC'))) {
    const english = isWordLike && isKorean(segment) ? readKorean(lexicon, segment).english : []
    const best = english[0]?.[1] ?? 0
    const kept = english.filter(([, p]) => p / best >= MIN_RELATIVE_WEIGHT).map(([lemma]) => lemma)
    read ||= kept.length > 0
    parts.push(kept.length > 0 ? `${segment} ${kept.join(' ')}` : segment)
  }
  return read ? parts.join('') : null
}

/**
 * A Korean word as its longest known beginning of two or more syllables: particles and endings follow the stem
 * (학교에서 -> 학교, 준비했다 -> 준비). The lexicon knows Korean words of Chinese origin only; others stay untranslated.
 */
function readKorean(lexicon: LexiconView, word: string): SourceWord {
  const english = readKoreanStem(word, (stem) => (lexicon.has('ko', stem) ? lexicon.toEnglish('ko', stem) : undefined))
  return { text: word, lang: 'ko', english: english ?? [] }
}

/** An Arabic word's lemma once its attached article or conjunction is read off (والكتاب -> الكتاب), or null. */
function arabicLemma(lexicon: LexiconView, word: string): string | null {
  return readWithoutArabicPrefix(word, (rest) => lemmaIn(lexicon, 'ar', rest) ?? undefined) ?? null
}

/** The language and lemma (null when unknown) of a word in a script that one language the lexicon reads writes; undefined for other scripts. */
function scriptReading(lexicon: LexiconView, word: string): { lang: string; lemma: string | null } | undefined {
  if (CYRILLIC.test(word)) return cyrillicReading(lexicon, word)
  const lang = SCRIPT_LANGUAGES.find(([script]) => script.test(word))?.[1]
  if (!lang) return undefined
  return { lang, lemma: lemmaIn(lexicon, lang, word) ?? (lang === 'ar' ? arabicLemma(lexicon, word) : lang === 'el' ? greekLemma(lexicon, word) : null) }
}

/**
 * A Cyrillic word read as Ukrainian when it is written with Ukrainian's own letters (і ї є ґ), or when only the
 * Ukrainian dictionary knows it; otherwise as Russian.
 */
function cyrillicReading(lexicon: LexiconView, word: string): { lang: string; lemma: string | null } {
  const ukrainianLetters = hasUkrainianLetters(word)
  const russian = ukrainianLetters ? null : lemmaIn(lexicon, 'ru', word)
  if (!lexicon.languages.includes('uk') || russian !== null) return { lang: 'ru', lemma: russian }
  const ukrainian = lemmaIn(lexicon, 'uk', word)
  return ukrainianLetters || ukrainian !== null ? { lang: 'uk', lemma: ukrainian } : { lang: 'ru', lemma: null }
}

/** The lexicon's Greek suffix rules without accents, worked out once per lexicon. */
const greekRulesOf = new WeakMap<LexiconView, [string, string][]>()

/** A Greek word's lemma with its accent moved or restored (ανθρώπου -> άνθρωπος, ΣΥΣΤΗΜΑ -> σύστημα), or null. */
function greekLemma(lexicon: LexiconView, word: string): string | null {
  let rules = greekRulesOf.get(lexicon)
  if (!rules) greekRulesOf.set(lexicon, (rules = greekRulesWithoutAccents(lexicon.suffixRules)))
  return readWithMovedAccent(word, rules, 3, (form) => (lexicon.has('el', form) ? form : undefined)) ?? null
}

/** For a word that is a lemma itself and also a form of other lemmas, the share of its readings as that form (englishReadings); the rest is its own. */
const FORM_READINGS_SHARE = 0.5

/**
 * An English word's lemmas, each with its probability: the lemmas the lexicon lists for it, weighed by how often SemCor
 * tagged each (irregular forms, and by WordNet's rules and parts of speech the plural or verb form it is: "lives":
 * life, live about evenly; "hoped": hope 0.92, hop 0.08; "news" is no plural of the adjective new, nor "bus" of bu),
 * or itself alone. A word that is a lemma itself and also a form of others ("evening": even; "meeting": meet) is read as
 * itself half the time: SemCor counts a lemma over all its forms, so it cannot tell which is meant. The pack's suffix
 * rules, shared by its languages, had also read "game" as gam, "three" as thre and "line" as lin. Any other word gets
 * its first suffix rewrite; their longest-suffix-first order reads "nodes" as nod and "sites" as sit, which the forms
 * know. A British-spelled lemma is translated as its American spelling (colour as color, see otherSpellings);
 * `spellings` are the lemmas' other spellings, searched in English notes (colour: color; color: colour).
 */
function englishReadings(lexicon: LexiconView, word: string): { lemmas: WeightedList; spellings: string[] } {
  const weights = new Map<string, number>()
  const isLemma = lexicon.isEnglishLemma(word)
  const ownSpellings = otherSpellings(lexicon, word)
  const listed = lexicon.englishFormReadings(word)
  // The lexicon lists American forms: "colours" reads as the forms of "colors" (color).
  const inflected = listed.length > 0 ? listed : ownSpellings.american.flatMap((spelling) => lexicon.englishFormReadings(spelling))
  const asForm = isLemma ? FORM_READINGS_SHARE : 1
  if (isLemma) weights.set(word, inflected.length > 0 ? 1 - FORM_READINGS_SHARE : 1)
  for (const [lemma, p] of inflected) weights.set(lemma, (weights.get(lemma) ?? 0) + p * asForm)
  if (inflected.length === 0 && !isLemma) {
    const rewritten = suffixRewrite(lexicon.suffixRules, word, (w) => lexicon.isEnglishLemma(w))
    if (rewritten) weights.set(rewritten, 1)
  }
  const translated = new Map<string, number>()
  const spellings = new Set<string>()
  for (const [lemma, p] of weights) {
    const other = lemma === word ? ownSpellings : otherSpellings(lexicon, lemma)
    const american = other.american[0] ?? lemma
    translated.set(american, (translated.get(american) ?? 0) + p)
    for (const spelling of [...other.american, ...other.british]) if (spelling !== word && !weights.has(spelling)) spellings.add(spelling)
  }
  const total = [...translated.values()].reduce((sum, p) => sum + p, 0)
  return { lemmas: [...translated].map(([lemma, p]) => [lemma, total > 0 ? p / total : 1 / translated.size]), spellings: [...spellings] }
}

/** True when `lang`'s dictionary has `word` as written (for English, also as an inflected form it lists), not through a suffix rule. */
function knowsAsWritten(lexicon: LexiconView, lang: string, word: string): boolean {
  return lang === 'en' ? lexicon.isEnglishLemma(word) || lexicon.englishFormLemmas(word).length > 0 : lexicon.has(lang, word)
}

/** The first rewrite of `word` by `rules` (in order) that `known` accepts ("puntos" -> "punto"), or null. */
export function suffixRewrite(rules: readonly (readonly [string, string])[], word: string, known: (w: string) => boolean): string | null {
  for (const [suffix, replacement] of rules) {
    if (word.length - suffix.length < 3 || !word.endsWith(suffix)) continue
    const candidate = word.slice(0, word.length - suffix.length) + replacement
    if (known(candidate)) return candidate
  }
  return null
}

/** The form of `word` the lexicon knows in `lang` (itself, an irregular English form's lemma, or a suffix rewrite), or null. */
function lemmaIn(lexicon: LexiconView, lang: string, word: string): string | null {
  const known = (w: string) => (lang === 'en' ? lexicon.isEnglishLemma(w) : lexicon.has(lang, w))
  if (known(word)) return word
  if (lang === 'en') {
    const lemma = lexicon.englishFormLemmas(word)[0]
    if (lemma) return lemma
  }
  const rewritten = suffixRewrite(lexicon.suffixRules, word, known)
  if (rewritten !== null || (lang !== 'ru' && lang !== 'uk')) return rewritten
  // A reflexive verb form, read as the form without -ся / -сь (as the lite pack's tokenizer reads it).
  const base = withoutReflexivePostfix(word)
  return base === undefined ? null : known(base) ? base : suffixRewrite(lexicon.suffixRules, base, known)
}

/** An unknown CJK run as the longest known words from left to right (characters nobody knows are skipped). */
function splitCjk(lexicon: LexiconView, run: string, lang: string): SourceWord[] {
  const chars = [...run]
  const out: SourceWord[] = []
  for (let start = 0; start < chars.length; ) {
    let end = Math.min(chars.length, start + MAX_CJK_WORD)
    while (end > start && !lexicon.has(lang, chars.slice(start, end).join(''))) end--
    if (end === start) {
      start++
      continue
    }
    const part = chars.slice(start, end).join('')
    if (!lexicon.isStopWord(lang, part)) out.push({ text: part, lang, english: lexicon.toEnglish(lang, part) })
    start = end
  }
  return out
}

/** p(t | w) = sum over English lemmas e of p(e | w) p(t | e), words of `lang`, most probable first. */
function pivot(lexicon: LexiconView, english: WeightedList, lang: string): WeightedList {
  const scores = new Map<string, number>()
  for (const [lemma, pLemma] of english) {
    for (const [word, p] of lexicon.fromEnglish(lang, lemma)) scores.set(word, (scores.get(word) ?? 0) + pLemma * p)
  }
  return sortedList(scores)
}

function sortedList(scores: ReadonlyMap<string, number>): WeightedList {
  return [...scores].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}
