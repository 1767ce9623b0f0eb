// Builds the query-translation lexicon from the lite pack's dictionary sources: per language, word -> English lemmas and English lemma -> words, with probabilities.
import { DEFAULT_LEXICON_OPTIONS, EnglishSpace } from './lexicon'
import { ADDED_LANGUAGES, KOREAN_CLDR_SOURCE, KOREAN_SOURCE, PIVOTED_LANGUAGES, rankedSourceName, ROMANIAN_SOURCE, UKRAINIAN_SOURCE, type InflectedForm, type SourceData } from './collect'
import { SUFFIX_RULES } from './settings'
import { ENGLISH_STOP_WORDS, OTHER_STOP_WORDS } from '../../src/main/engine/store/stop-words'
import type { LanguageTables, QueryLexiconTables, WeightedList } from '../../src/main/engine/lexicon/format'
import { suffixRewrite } from '../../src/main/engine/lexicon/translate'
import { type BilingualEntry, tagCount, type TagCounts } from './sources'

/** Which language each source's headwords are in, and whether its headwords may be emitted as translations (reverse). */
export const SOURCE_LANGUAGES: Record<string, { lang: string; reverse: boolean }> = {
  'cc-cedict': { lang: 'zh', reverse: true },
  edict: { lang: 'ja', reverse: true },
  // Single kanji: read when a Japanese query word is unknown, never offered as the translation of an English word.
  kanjidic: { lang: 'ja', reverse: false },
  // Apertium entries are surface forms; only base forms are offered as translations (entry.baseForm).
  'apertium spa-eng': { lang: 'es', reverse: true },
  'freedict-deu-eng': { lang: 'de', reverse: true },
  'freedict-spa-eng': { lang: 'es', reverse: true },
  'freedict-fra-eng': { lang: 'fr', reverse: true },
  'freedict-ita-eng': { lang: 'it', reverse: true },
  'freedict-por-eng': { lang: 'pt', reverse: true },
  'freedict-ara-eng': { lang: 'ar', reverse: true },
  'freedict-ell-eng': { lang: 'el', reverse: true },
  'freedict-eng-spa (reversed)': { lang: 'es', reverse: true },
  'freedict-eng-fra (reversed)': { lang: 'fr', reverse: true },
  'freedict-eng-rus (reversed)': { lang: 'ru', reverse: true },
  'freedict-eng-ara (reversed)': { lang: 'ar', reverse: true },
  'freedict-eng-ell (reversed)': { lang: 'el', reverse: true },
  'freedict-eng-hin (reversed)': { lang: 'hi', reverse: true },
  'freedict-eng-ita (reversed)': { lang: 'it', reverse: true },
  'freedict-eng-por (reversed)': { lang: 'pt', reverse: true },
  'mueller7 (reversed)': { lang: 'ru', reverse: true },
  ...Object.fromEntries(PIVOTED_LANGUAGES.map(({ lang, source }) => [source, { lang, reverse: true }])),
  // Korean words are read (a Korean query finds notes in other languages), never offered as translations: Korean text
  // keeps its particles on the word (학교에), so a bare word would rarely match a note's words.
  [KOREAN_SOURCE]: { lang: 'ko', reverse: false },
  [KOREAN_CLDR_SOURCE]: { lang: 'ko', reverse: false },
  // Surface forms, as Apertium's Spanish: only base forms are offered as translations.
  [UKRAINIAN_SOURCE]: { lang: 'uk', reverse: true },
  // Surface forms too; their older spelling with ş or ţ is read, never offered (baseForm false).
  [ROMANIAN_SOURCE]: { lang: 'ro', reverse: true },
  ...Object.fromEntries(
    ADDED_LANGUAGES.flatMap(({ lang, toEnglish, fromEnglish }) =>
      [...toEnglish.map(({ name }) => name), ...fromEnglish.map(({ name }) => rankedSourceName(name))].map((name) => [name, { lang, reverse: true }])
    )
  )
}

/** Languages whose stopwords-iso list marks words a query never translates (the query's own stop-word split covers en, es, de, fr). */
export const UNTRANSLATED_LANGUAGES = ['zh', 'ja', 'ru', 'uk', 'ar', 'el', 'hi']

/** Per language, how often each word occurs as a word of running text (Chinese: readChineseWordCounts). */
export type WordCounts = Readonly<Record<string, ReadonlyMap<string, number>>>

/** Sizes of the lexicon's lists. */
export interface QueryLexiconOptions {
  /** English lemmas kept per foreign word (most probable first). */
  englishPerWord: number
  /** Words kept per English lemma and language. */
  wordsPerEnglish: number
  /** Sense i of an entry weighs 1 / (1 + senseDecay * i), as in the pack's vectors. */
  senseDecay: number
  /** Probabilities below this share of the list's best are dropped. */
  minShare: number
}

export const DEFAULT_QUERY_LEXICON_OPTIONS: QueryLexiconOptions = { englishPerWord: 6, wordsPerEnglish: 8, senseDecay: DEFAULT_LEXICON_OPTIONS.senseDecay, minShare: 0.02 }

/** An English gloss token worth translating to: letters (and inner ' or -), at least two characters. */
const ENGLISH_TOKEN = /^[a-z][a-z'-]*[a-z]$/

/**
 * The tables: for every language, p(English lemma | word) from the word's glosses (earlier senses weigh more, a phrase's
 * words share it), and p(word | English lemma) proportional to p(lemma | word) times the word's entry weight (how common
 * the dictionary marks it) and, for a language with `wordCounts`, the weight of its count (countWeight), otherwise the
 * evidence of the words containing it (withFamilyEvidence). English inflected forms map to their lemma (WordNet
 * exceptions). `untranslated`: function words per language that a query never translates (stopwords-iso's Chinese and
 * Japanese lists).
 */
export function buildQueryLexicon(
  data: SourceData,
  untranslated: Record<string, string[]>,
  wordCounts: WordCounts = {},
  options: QueryLexiconOptions = DEFAULT_QUERY_LEXICON_OPTIONS
): QueryLexiconTables {
  const english = new EnglishSpace(data.wordnet.synsets, data.wordnet.senses, data.wordnet.exceptions, DEFAULT_LEXICON_OPTIONS, data.wordnet.tagCounts)
  /** lang -> word -> English lemma -> mass */
  const forward = new Map<string, Map<string, Map<string, number>>>()
  /** lang -> word -> entry mass (its prior) */
  const prior = new Map<string, Map<string, number>>()
  /** lang -> words that may be emitted as translations */
  const emittable = new Map<string, Set<string>>()
  /** Irregular English forms (WordNet exceptions) -> lemma; regular ones follow once the translatable lemmas are known. */
  const englishForms = new Map<string, string>()
  const pivotWords = data.pivotWords.filter(([, entries]) => entries.length > 0)
  for (const [name, entries] of [...data.entries, ...pivotWords, ...data.added, ...data.laterAdded]) {
    if (name === 'wordnet exceptions') {
      for (const entry of entries) {
        const base = entry.glosses[0]!
        if (ENGLISH_TOKEN.test(entry.word) && ENGLISH_TOKEN.test(base) && entry.word !== base && !englishForms.has(entry.word)) englishForms.set(entry.word, base)
      }
      continue
    }
    const source = SOURCE_LANGUAGES[name]
    if (!source) throw new Error(`no language for source ${name}`)
    const words = getOrSet(forward, source.lang, () => new Map<string, Map<string, number>>())
    const priors = getOrSet(prior, source.lang, () => new Map<string, number>())
    const emit = getOrSet(emittable, source.lang, () => new Set<string>())
    const stop = stopWordsOf(source.lang)
    for (const entry of entries) {
      const word = entry.word.normalize('NFKC').toLowerCase().trim()
      if (!word || /\s/.test(word) || stop.has(word)) continue
      const shares = glossShares(english, entry.glosses, options.senseDecay)
      if (shares.size === 0) continue
      const target = getOrSet(words, word, () => new Map<string, number>())
      for (const [lemma, share] of shares) target.set(lemma, (target.get(lemma) ?? 0) + share * entry.weight)
      priors.set(word, (priors.get(word) ?? 0) + entry.weight)
      if (source.reverse && entry.baseForm !== false) emit.add(word)
    }
  }
  addInflectedForms(forward, data.inflectedForms)
  const languages = [...forward.keys()].sort()
  const tables: QueryLexiconTables = { languages: [], englishForms: [], suffixRules: SUFFIX_RULES.map(([suffix, replacement]) => [suffix, replacement]), stopWords: untranslated }
  for (const lang of languages) {
    const toEnglish = new Map<string, WeightedList>()
    const fromEnglish = new Map<string, Map<string, number>>()
    const counts = wordCounts[lang]
    for (const [word, lemmas] of forward.get(lang)!) {
      toEnglish.set(word, topShares(lemmas, options.englishPerWord, options.minShare))
      if (!emittable.get(lang)!.has(word)) continue
      const mass = Math.min(1, prior.get(lang)!.get(word)!) * (counts ? countWeight(counts.get(word) ?? 0) : 1)
      // Every sense counts here (not only the stored top ones): 点 is "point" in its ninth sense.
      for (const [lemma, p] of topShares(lemmas, Infinity, 0)) {
        const candidates = getOrSet(fromEnglish, lemma, () => new Map<string, number>())
        candidates.set(word, p * mass)
      }
    }
    tables.languages.push({
      lang,
      toEnglish: [...toEnglish].sort(byKey),
      fromEnglish: [...fromEnglish]
        .map(([lemma, words]) => [lemma, topShares(counts ? words : withFamilyEvidence(words), options.wordsPerEnglish, options.minShare)] as [string, WeightedList])
        .sort(byKey)
    })
  }
  tables.englishForms = withRegularForms(englishForms, data.englishInflections, data.englishLemmaReadings, tables.languages, data.wordnet.tagCounts).sort(byKey)
  return tables
}

/**
 * Gives each inflected form (SourceData.inflectedForms) that its language's table lacks its word's English lemmas, when
 * the table has the word and the suffix rules do not read the form as it (изменения, списке, ключей): never offered as
 * translations.
 */
function addInflectedForms(forward: Map<string, Map<string, Map<string, number>>>, forms: readonly InflectedForm[]): void {
  for (const { lang, form, word } of forms) {
    const words = forward.get(lang)
    const lemmas = words?.get(word)
    if (!words || !lemmas || words.has(form) || suffixRewrite(SUFFIX_RULES, form, (candidate) => words.has(candidate)) === word) continue
    words.set(form, new Map(lemmas))
  }
}

/**
 * The irregular forms' rows, then a row for each lemma of a regular inflection (SourceData.englishInflections) that the
 * tables translate ("files" -> file, "lives" -> live beside the irregular life): the lexicon's suffix rules alone read
 * the longest suffix first, "nodes" as nod and "sites" as sit. Then the other readings of forms that are lemmas
 * themselves (SourceData.englishLemmaReadings: "evening" -> even). Each row carries p(lemma | form) among the form's
 * rows, from how often SemCor tagged each lemma (add-one smoothed; a regular reading counts the parts of speech its
 * rules read): "hoped" reads hope 0.92 and hop 0.08, "lives" life and live about evenly. A form that is a lemma itself
 * is not weighed against them here: SemCor counts a lemma over all its forms, so it cannot tell the noun "meeting" from
 * the form of meet (see englishReadings).
 */
function withRegularForms(
  irregular: ReadonlyMap<string, string>,
  inflections: readonly BilingualEntry[],
  lemmaReadings: readonly BilingualEntry[],
  languages: readonly LanguageTables[],
  tagCounts: TagCounts
): [string, string, number][] {
  const translatable = new Set<string>(irregular.values())
  for (const language of languages) {
    for (const [, list] of language.toEnglish) for (const [lemma] of list) translatable.add(lemma)
    for (const [lemma] of language.fromEnglish) translatable.add(lemma)
  }
  /** form -> [lemma, smoothed count] in row order. */
  const readings = new Map<string, [string, number][]>()
  const add = (form: string, lemma: string, count: number) => readings.set(form, [...(readings.get(form) ?? []), [lemma, count + 1]])
  for (const [form, lemma] of irregular) add(form, lemma, tagCount(tagCounts, lemma))
  for (const entry of inflections) {
    for (const lemma of entry.glosses) if (translatable.has(lemma) && irregular.get(entry.word) !== lemma) add(entry.word, lemma, tagCount(tagCounts, lemma, ['noun', 'verb', 'adj']))
  }
  for (const entry of lemmaReadings) {
    const lemmas = entry.glosses.filter((lemma) => translatable.has(lemma) && irregular.get(entry.word) !== lemma)
    for (const lemma of lemmas) add(entry.word, lemma, tagCount(tagCounts, lemma, ['noun', 'verb']))
  }
  const rows: [string, string, number][] = []
  for (const [form, list] of readings) {
    const total = list.reduce((sum, [, count]) => sum + count, 0)
    for (const [lemma, count] of list) rows.push([form, lemma, count / total])
  }
  return rows
}

/**
 * How much a word's corpus count weighs in p(word | lemma): its square root, so that p(word | lemma) is the geometric mean
 * of the dictionary's estimate (p(lemma | word), no counts) and Bayes' rule with the counts (p(lemma | word) * count). The
 * counts alone over-trust the dictionaries' senses, which list a common word's rare senses as if they were as likely as
 * its first: "loud" is the 4th of 高's 5 (high, tall...), "water" is in a gloss of 和 (and), "delete" of 省 (province).
 * Measured on 2026-12-07 (hybrid MRR@10, Chinese dev sets): Bayes alone 0.800 / 0.838 / 0.777 / 0.866 on xquad-en2zh /
 * tldr-en2zh / k8sdocs-en2zh / tldr-en2mixed, the square root 0.810 / 0.856 / 0.782 / 0.877, without counts 0.811 /
 * 0.837 / 0.782 / 0.866.
 */
function countWeight(count: number): number {
  return Math.sqrt(count + 1)
}

/**
 * Dictionaries carry no word frequencies, and p(lemma | word) alone favours rare words that mean nothing else (for "year":
 * 今岁, 一年半载 over 年). A word that is part of many other words translating the same lemma is the common one (年 in 今年,
 * 同年, 年份; Jahr in Ausbildungsjahr, Studienjahr): each word's score is its own p(lemma | word) * prior plus the scores of
 * the words containing it (CJK: anywhere; other scripts: as a compound's head or modifier of 4+ letters).
 */
function withFamilyEvidence(candidates: ReadonlyMap<string, number>): Map<string, number> {
  const scores = new Map(candidates)
  for (const [word, base] of candidates) {
    for (const part of componentsOf(word)) {
      if (part !== word && candidates.has(part)) scores.set(part, scores.get(part)! + base)
    }
  }
  return scores
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const MIN_COMPONENT = 4

/** The parts of a word that may be words of their own: every substring of a CJK word; prefixes and suffixes of 4+ letters otherwise. */
function componentsOf(word: string): Set<string> {
  const chars = [...word]
  const parts = new Set<string>()
  if (CJK_CHAR.test(word)) {
    for (let start = 0; start < chars.length; start++) for (let end = start + 1; end <= chars.length; end++) parts.add(chars.slice(start, end).join(''))
  } else {
    for (let length = MIN_COMPONENT; length < chars.length; length++) {
      parts.add(chars.slice(0, length).join(''))
      parts.add(chars.slice(chars.length - length).join(''))
    }
  }
  return parts
}

/** English lemmas of an entry's glosses with their shares (summing to 1): sense i weighs 1 / (1 + decay * i), split over its phrases and their words. */
function glossShares(english: EnglishSpace, glosses: readonly string[], decay: number): Map<string, number> {
  const shares = new Map<string, number>()
  glosses.forEach((gloss, sense) => {
    const senseWeight = 1 / (1 + decay * sense)
    const phrases = gloss
      .split(/[;,]/)
      .map((phrase) => english.contentWords(phrase).filter((token) => ENGLISH_TOKEN.test(token) && !ENGLISH_STOP_WORDS.has(token)))
      .filter((phrase) => phrase.length > 0)
    for (const phrase of phrases) for (const token of phrase) shares.set(token, (shares.get(token) ?? 0) + senseWeight / phrases.length / phrase.length)
  })
  return normalized(shares)
}

function normalized(shares: Map<string, number>): Map<string, number> {
  const total = [...shares.values()].reduce((a, b) => a + b, 0)
  for (const [token, share] of shares) shares.set(token, share / total)
  return shares
}

/** The `count` largest entries (ties by key), those under `minShare` of the best dropped, normalized to sum 1. */
function topShares(values: ReadonlyMap<string, number>, count: number, minShare: number): WeightedList {
  const sorted = [...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count)
  const best = sorted[0]?.[1] ?? 0
  const kept = sorted.filter(([, v]) => v >= best * minShare)
  const total = kept.reduce((s, [, v]) => s + v, 0)
  return kept.map(([key, v]) => [key, v / total])
}

function stopWordsOf(lang: string): ReadonlySet<string> {
  return lang === 'en' ? ENGLISH_STOP_WORDS : (OTHER_STOP_WORDS[lang] ?? new Set())
}

function byKey(a: readonly [string, ...unknown[]], b: readonly [string, ...unknown[]]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) map.set(key, (value = make()))
  return value
}
