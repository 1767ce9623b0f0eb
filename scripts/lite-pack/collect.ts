// Reads every source and builds the multilingual word vectors of the lite pack.
import { readFileSync } from 'node:fs'
import { readCldrKorean } from './cldr'
import { EnglishSpace, LexiconBuilder, type LexiconOptions, type SparseVector } from './lexicon'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { WordTokenizer } from '../../src/main/engine/model/word-tokenizer'
import { OTHER_STOP_WORDS } from '../../src/main/engine/store/stop-words'
import { englishInflections, englishLemmaReadings, wordNetLemmasByPart } from './english-inflections'
import { SUFFIX_RULES } from './settings'
import {
  readApertiumPair,
  readApertiumSpanish,
  readAspellForms,
  readAspellParadigms,
  readHunspellParadigms,
  readCedict,
  readDictd,
  readDictdRanked,
  readDictdReversed,
  readEdict,
  EDICT_COMMON_WEIGHT,
  readHanjaKorean,
  readKanjidic,
  readMuellerRussian,
  readStopwords,
  readWordList,
  readWordNet,
  throughPivot,
  type BilingualEntry,
  type SourcePaths
} from './sources'

/** FreeDict databases read X -> English, and English -> X ones read reversed. */
export const FREEDICT_TO_ENGLISH = [
  'freedict-deu-eng',
  'freedict-spa-eng',
  'freedict-fra-eng',
  'freedict-ita-eng',
  'freedict-por-eng',
  'freedict-ara-eng',
  'freedict-ell-eng'
]
export const FREEDICT_FROM_ENGLISH = ['freedict-eng-spa', 'freedict-eng-fra', 'freedict-eng-rus', 'freedict-eng-ara', 'freedict-eng-ell', 'freedict-eng-hin']
/**
 * English -> X databases only the query lexicon reads reversed: in the pack's vectors they changed many Spanish and
 * English words (shared spellings) and pulled the map's tldr translation pairs apart (97% -> 89% closer than random).
 */
export const QUERY_LEXICON_FROM_ENGLISH = ['freedict-eng-ita', 'freedict-eng-por']

/**
 * Sources of a language with a script of its own keep only words written in that script (all their letters): a few
 * stray Latin headwords (makefile, ought, cd) and numbers would otherwise change words other languages share.
 */
const SOURCE_SCRIPTS: Record<string, RegExp> = {
  'freedict-ara-eng': /\p{Script=Arabic}/u,
  'freedict-eng-ara': /\p{Script=Arabic}/u,
  'freedict-ell-eng': /\p{Script=Greek}/u,
  'freedict-eng-ell': /\p{Script=Greek}/u,
  'freedict-eng-hin': /\p{Script=Devanagari}/u
}

/** The entries of `source` in its script (SOURCE_SCRIPTS), or all of them for a source not listed there. */
function keepScript(source: string, entries: BilingualEntry[]): BilingualEntry[] {
  const script = SOURCE_SCRIPTS[source]
  if (!script) return entries
  return entries.filter((entry) => script.test(entry.word) && [...entry.word].every((ch) => !/\p{L}/u.test(ch) || script.test(ch)))
}

/**
 * Languages added after the others, for words no earlier source (or stop-word list) has: Turkish, Polish, Dutch,
 * Indonesian, Swedish, Danish, Norwegian, Czech, Croatian, Finnish and Hungarian are written in Latin script and share
 * many spellings with the pack's languages (Dutch "die", "door" and "was"; Indonesian "data"), and read in full they
 * would change those words' vectors. Each source reads its words
 * only if they are written in the language's letters, with a vowel (the dictionaries list abbreviations such as "pdb"
 * and "nn", which notes use as names); English -> X dictionaries are read reversed and ranked
 * (readDictdRanked). Their function words are the engine's own lists (OTHER_STOP_WORDS), not stopwords-iso's, whose
 * lists for these languages hold content words (Indonesian "bekerja", to work).
 */
export const ADDED_LANGUAGES: AddedLanguage[] = [
  { lang: 'tr', letters: /^(?=.*[aeıioöuüâîû])[a-zçğıöşüâîû]{2,}$/, toEnglish: [{ name: 'freedict-tur-eng' }], fromEnglish: [{ name: 'freedict-eng-tur' }] },
  { lang: 'pl', letters: /^(?=.*[aąeęioóuy])[a-ząćęłńóśźż]{2,}$/, toEnglish: [{ name: 'freedict-pol-eng', wikdict: true }], fromEnglish: [{ name: 'freedict-eng-pol' }] },
  { lang: 'nl', letters: /^(?=.*[aeiouyäëïöüéèáó])[a-zäëïöüéèáó]{2,}$/, toEnglish: [{ name: 'freedict-nld-eng' }], fromEnglish: [{ name: 'freedict-eng-nld' }] },
  { lang: 'id', letters: /^(?=.*[aeiou])[a-z]{2,}$/, toEnglish: [], fromEnglish: [{ name: 'freedict-eng-ind', wikdict: true }] },
  { lang: 'sv', letters: /^(?=.*[aeiouyåäöé])[a-zåäöé]{2,}$/, toEnglish: [{ name: 'freedict-swe-eng' }], fromEnglish: [{ name: 'freedict-eng-swe' }] },
  { lang: 'da', letters: /^(?=.*[aeiouyæøåé])[a-zæøåé]{2,}$/, toEnglish: [{ name: 'freedict-dan-eng' }], fromEnglish: [{ name: 'freedict-eng-dan' }] },
  { lang: 'no', letters: /^(?=.*[aeiouyæøåé])[a-zæøåé]{2,}$/, toEnglish: [], fromEnglish: [{ name: 'freedict-eng-nor', wikdict: true }] },
  { lang: 'cs', letters: /^(?=.*[aeiouyáéěíóúůý])[a-záčďéěíňóřšťúůýž]{2,}$/, toEnglish: [{ name: 'freedict-ces-eng' }], fromEnglish: [{ name: 'freedict-eng-ces' }] },
  { lang: 'hr', letters: /^(?=.*[aeiour])[a-zčćđšž]{2,}$/, toEnglish: [{ name: 'freedict-hrv-eng' }], fromEnglish: [{ name: 'freedict-eng-hrv' }] },
  { lang: 'fi', letters: /^(?=.*[aeiouyäöå])[a-zäöå]{2,}$/, toEnglish: [{ name: 'freedict-fin-eng', wikdict: true }], fromEnglish: [{ name: 'freedict-eng-fin', wikdict: true }] },
  { lang: 'hu', letters: /^(?=.*[aeiouáéíóöőúüű])[a-záéíóöőúüű]{2,}$/, toEnglish: [{ name: 'freedict-hun-eng' }], fromEnglish: [{ name: 'freedict-eng-hun' }] }
]

/** A language of ADDED_LANGUAGES: its letters (a word's, lower-cased) and its dictd databases (`wikdict`: see translationLines). */
export interface AddedLanguage {
  lang: string
  letters: RegExp
  toEnglish: { name: string; wikdict?: boolean }[]
  fromEnglish: { name: string; wikdict?: boolean }[]
}

/** The source name of an added language's English -> X dictionary, read reversed and ranked. */
export function rankedSourceName(name: string): string {
  return `${name} (ranked)`
}

/** Korean words through their Hanja spellings (libhangul + CC-CEDICT, then EDICT). */
export const KOREAN_SOURCE = 'hanja (libhangul)'

/**
 * Ukrainian, added like ADDED_LANGUAGES (only words the pack does not read already: Ukrainian shares many spellings
 * with Russian): the word list's forms Apertium's Russian-Ukrainian pair analyses, read through their Russian
 * translations' English glosses (Mueller's and FreeDict's, in that order). Function words: stopwords-iso's Ukrainian list.
 */
export const UKRAINIAN_SOURCE = 'apertium ukr-rus (through Russian)'
/** The Russian sources whose glosses Ukrainian words are read through, in order. */
const RUSSIAN_SOURCES = ['mueller7 (reversed)', 'freedict-eng-rus (reversed)']

/**
 * Romanian, added after every other language (see SourceData.laterAdded): the forms of aspell-ro that Apertium's
 * Spanish-Romanian pair analyses, read through their Spanish translations' English glosses (SPANISH_SOURCES, in order).
 * Debian has no Romanian-English dictionary but FreeDict's English-Romanian one (996 headwords). Each form written with
 * ș or ț (comma below, as aspell-ro and today's keyboards write them) is read in the older spelling with ş or ţ (cedilla)
 * too, which much Romanian text still uses; only the first is offered as a translation. Function words: OTHER_STOP_WORDS.
 */
export const ROMANIAN_SOURCE = 'apertium ro-es (through Spanish)'
/**
 * Native Korean words, which libhangul's list (KOREAN_SOURCE) cannot read: the Korean words of Unicode CLDR's emoji
 * annotations and display names, with the English words aligned with them (readCldrKorean: 고양이, cat; 어제, yesterday;
 * 프랑스, France). Added after every other language (SourceData.laterAdded), so every word the pack had keeps its vector.
 */
export const KOREAN_CLDR_SOURCE = 'cldr ko (emoji annotations, display names)'
/** A Romanian form: in Romanian letters, with a vowel. */
const ROMANIAN_LETTERS = /^(?=.*[aeiouăâî])[a-zăâîșț]{2,}$/
/** Spanish base forms and their English glosses, in order: Apertium's, its full analyses' nouns (SourceData.spanishNouns), FreeDict's. */
const SPANISH_NOUNS = 'apertium spa-eng (full analyses, new words)'
const SPANISH_SOURCES = ['apertium spa-eng', SPANISH_NOUNS, 'freedict-spa-eng', 'freedict-eng-spa (reversed)']

/** A dictionary of another language read reversed and ranked (readDictdRanked), its headwords read through their English glosses in the pack's sources `through` (in order). */
export interface PivotDictionary {
  name: string
  through: string[]
  wikdict: boolean
}

/**
 * Words of a language that its own dictionaries lack, read through WikDict's dictionaries from other languages (see
 * PIVOTED_LANGUAGES): `source` names them, `letters` are a word's, `own` are the language's own sources (a word they
 * have is left out).
 */
export interface PivotedLanguage {
  lang: string
  source: string
  letters: RegExp
  own: string[]
  pivots: PivotDictionary[]
}

const GERMAN = ['freedict-deu-eng']
const FRENCH = ['freedict-fra-eng', 'freedict-eng-fra (reversed)']
const POLISH = ['freedict-pol-eng', rankedSourceName('freedict-eng-pol')]
const SWEDISH = ['freedict-swe-eng', rankedSourceName('freedict-eng-swe')]

/**
 * Words the pack's own dictionaries of a language lack, read through other languages (the pack adds those it does not
 * read already, after its other sources: see addPivotWords):
 * - Russian: Mueller's and FreeDict's English-Russian dictionaries are old and have no файл, сервер, пользователь or
 *   поиск. WikDict's German-, French- and Polish-Russian dictionaries (from Wiktionary) have them: файл -> Datei, plik -> file.
 * - French, Italian and Portuguese: FreeDict's own dictionaries of them are small (a few thousand headwords) and have no
 *   traduction, périphérique, opzione, informazione or usuário (2026-12-06: 22%, 29% and 20% of the words of their
 *   Debian manual pages were hashed, against 9% and 8% of German and Spanish ones). WikDict's German-, Polish- and
 *   Swedish-X dictionaries have them (FreeDict's older German-Italian and German-Portuguese ones too).
 * Each is read reversed and ranked (readDictdRanked), and a word's headwords through their English glosses.
 */
export const PIVOTED_LANGUAGES: PivotedLanguage[] = [
  {
    lang: 'ru',
    source: 'wikdict deu/fra/pol-rus (through German, French and Polish)',
    letters: /^[а-яё]{2,}$/,
    own: RUSSIAN_SOURCES,
    pivots: [
      { name: 'freedict-deu-rus', through: GERMAN, wikdict: true },
      { name: 'freedict-fra-rus', through: FRENCH, wikdict: true },
      { name: 'freedict-pol-rus', through: POLISH, wikdict: true }
    ]
  },
  {
    lang: 'fr',
    source: 'wikdict deu/pol/swe-fra (through German, Polish and Swedish)',
    letters: /^(?=.*[aeiouyàâéèêëîïôûùü])[a-zàâæçéèêëîïôœùûüÿ]{2,}$/,
    own: FRENCH,
    pivots: [
      { name: 'freedict-deu-fra', through: GERMAN, wikdict: true },
      { name: 'freedict-pol-fra', through: POLISH, wikdict: true },
      { name: 'freedict-swe-fra', through: SWEDISH, wikdict: true }
    ]
  },
  {
    lang: 'it',
    source: 'freedict deu-ita, wikdict pol/swe-ita (through German, Polish and Swedish)',
    letters: /^(?=.*[aeiouàèéìíîòóùú])[a-zàèéìíîòóùú]{2,}$/,
    own: ['freedict-ita-eng'],
    pivots: [
      { name: 'freedict-deu-ita', through: GERMAN, wikdict: false },
      { name: 'freedict-pol-ita', through: POLISH, wikdict: true },
      { name: 'freedict-swe-ita', through: SWEDISH, wikdict: true }
    ]
  },
  {
    lang: 'pt',
    source: 'freedict deu-por, wikdict pol/swe-por (through German, Polish and Swedish)',
    letters: /^(?=.*[aeiouáâãàéêíóôõú])[a-záâãàçéêíóôõú]{2,}$/,
    own: ['freedict-por-eng'],
    pivots: [
      { name: 'freedict-deu-por', through: GERMAN, wikdict: false },
      { name: 'freedict-pol-por', through: POLISH, wikdict: true },
      { name: 'freedict-swe-por', through: SWEDISH, wikdict: true }
    ]
  }
]

/**
 * Dictionaries that spell each word's inflected forms, by language (see readAspellParadigms; `hunspell`: the Aspell
 * dictionary is a plain list of forms, each read as its stems by that Hunspell dictionary, see readHunspellParadigms).
 * The pack's suffix rules, shared by its languages, leave many of those forms hashed or split as a guessed compound
 * (академическом, назначения, brotarían; указателе as указ + тело); Italian and Portuguese have no suffix rules
 * (opzioni, comandi, opções), and French verb forms are irregular (veuillez, peut, faites).
 */
export const INFLECTED_FORM_DICTIONARIES: { lang: string; aspell: string; hunspell?: string }[] = [
  { lang: 'es', aspell: 'es' },
  { lang: 'ru', aspell: 'ru' },
  { lang: 'de', aspell: 'de' },
  { lang: 'it', aspell: 'it' },
  { lang: 'pt', aspell: 'pt_PT' },
  { lang: 'pt', aspell: 'pt_BR' },
  { lang: 'fr', aspell: 'fr', hunspell: 'fr_FR' }
]

/**
 * Forms the tokenizer reads as one word, and not through another: Portuguese dissolverem-nos is two words, and French
 * l'onirisme is read as onirisme (`elisions`).
 */
const LETTERS_ONLY = /^\p{L}+$/u

/** A word form of `lang` and the word it is a form of (лучей of луч). */
export interface InflectedForm {
  lang: string
  form: string
  word: string
}

/** Languages whose stopwords are damped. */
export const STOPWORD_LANGUAGES = ['en', 'zh', 'ja', 'de', 'es', 'fr', 'it', 'pt', 'ru', 'ar', 'el', 'hi']

/** Everything read from the sources, before any weighting. */
export interface SourceData {
  wordnet: ReturnType<typeof readWordNet>
  stopwords: Set<string>
  entries: [string, BilingualEntry[]][]
  /**
   * Spanish forms Apertium's full analyses translate and the pack's first-tag reading of them does not (nouns, which
   * Apertium's bilingual dictionary keys by gender: opción, versión, configuración), minus English words; added like
   * ADDED_LANGUAGES (only new words that change no protected form's reading). Empty when read for the query lexicon,
   * whose Spanish entries are the full analyses already.
   */
  spanishNouns: BilingualEntry[]
  /**
   * [source, entries] of PIVOTED_LANGUAGES: their words that no other source of the language has. The pack adds those
   * it does not read already, after its own languages (see addPivotWords); the query lexicon reads them as the
   * language's entries.
   */
  pivotWords: [string, BilingualEntry[]][]
  /**
   * English inflections of the word list read to WordNet lemmas (see englishInflections). The pack adds those it reads as
   * another word, last (see addEnglishInflections); the query lexicon maps them to their lemmas beside the irregular forms.
   */
  englishInflections: BilingualEntry[]
  /** English words that are lemmas and also inflections of other lemmas (see englishLemmaReadings): query lexicon only. */
  englishLemmaReadings: BilingualEntry[]
  /**
   * The inflected forms of INFLECTED_FORM_DICTIONARIES' words. The pack adds those it hashes or splits as a
   * compound, last (see addInflectedForms); the query lexicon reads those its suffix rules do not read as their word.
   */
  inflectedForms: InflectedForm[]
  /** The sources of ADDED_LANGUAGES. */
  added: [string, BilingualEntry[]][]
  /** Their function words. */
  addedStopwords: Set<string>
  /**
   * Languages added after every other source and form (ROMANIAN_SOURCE, KOREAN_CLDR_SOURCE), so that every word the pack had keeps its
   * vector, including the Italian and Portuguese forms added last (Romanian bibliotecar would otherwise read Italian
   * bibliotecarie through a suffix rule): the pack adds their new words that change no protected form's reading (see
   * addLaterLanguages); the query lexicon reads them as their language's entries.
   */
  laterAdded: [string, BilingualEntry[]][]
  /** Their function words, added before their other words (a stop word added earlier took 37 French forms of celer: cele). */
  laterStopwords: Set<string>
  /** Word forms of the pack's Latin-script languages (lower-cased), whose reading the added languages may not change; empty when read for the query lexicon, which does not use them. */
  protectedForms: Set<string>
}

/**
 * Reads every source (slow: about a minute). `queryLexicon`: read as the query lexicon does, with Apertium's full
 * analyses (see readApertiumSpanish; the pack keeps the analyses it was first built with, so it stays reproducible) and
 * QUERY_LEXICON_FROM_ENGLISH too.
 */
export async function readSources(paths: SourcePaths, log: (line: string) => void, options: { queryLexicon?: boolean } = {}): Promise<SourceData> {
  const wordnet = readWordNet(paths.wordnetDir)
  log(`wordnet: ${wordnet.synsets.length} synsets, ${wordnet.senses.size} lemmas`)
  const stopwords = readStopwords(paths.stopwordsModule, STOPWORD_LANGUAGES)
  const fromEnglish = [...FREEDICT_FROM_ENGLISH, ...(options.queryLexicon ? QUERY_LEXICON_FROM_ENGLISH : [])]
  const readers: [string, () => Promise<BilingualEntry[]> | BilingualEntry[]][] = [
    ['wordnet exceptions', () => [...wordnet.exceptions].map(([form, base]) => ({ word: form, glosses: [base], weight: 1 }))],
    ['cc-cedict', () => readCedict(paths.cedictModule)],
    ['edict', () => readEdict(paths.edictFile)],
    ['kanjidic', () => readKanjidic(paths.kanjidicFile)],
    ['apertium spa-eng', () => readApertiumSpanish(paths.apertiumDir, { fullAnalysis: options.queryLexicon ?? false })],
    ...FREEDICT_TO_ENGLISH.map((name): [string, () => BilingualEntry[]] => [name, () => keepScript(name, readDictd(paths.dictdDir, name))]),
    ...fromEnglish.map((name): [string, () => BilingualEntry[]] => [`${name} (reversed)`, () => keepScript(name, readDictdReversed(paths.dictdDir, name))]),
    ['mueller7 (reversed)', () => readMuellerRussian(paths.dictdDir)]
  ]
  const entries: [string, BilingualEntry[]][] = []
  for (const [name, read] of readers) {
    const list = await read()
    entries.push([name, list])
    log(`${name}: ${list.length} entries`)
  }
  const source = (name: string) => entries.find(([entryName]) => entryName === name)![1]
  const commonJapanese = source('edict').filter((entry) => entry.weight === EDICT_COMMON_WEIGHT)
  const koreanStopwords = readStopwords(paths.stopwordsModule, ['ko'])
  const korean = readHanjaKorean(paths.hanjaFile, source('cc-cedict'), commonJapanese, koreanStopwords)
  entries.push([KOREAN_SOURCE, korean])
  log(`${KOREAN_SOURCE}: ${korean.length} entries`)
  const listed = readFileSync(paths.englishWordsFile, 'utf8').split('\n').filter((word) => word.length > 0)
  const spanishNouns = options.queryLexicon ? [] : readSpanishNouns(paths, entries, wordnet.senses, listed)
  log(`apertium spa-eng (full analyses, new words): ${spanishNouns.length} entries`)
  const wordNetLemmas = wordNetLemmasByPart(wordnet)
  const inflections = englishInflections(listed, wordNetLemmas)
  log(`english inflections (wordnet morphy): ${inflections.length} entries`)
  const lemmaReadings = englishLemmaReadings(listed, wordNetLemmas)
  log(`english lemmas that are also inflections (wordnet morphy): ${lemmaReadings.length} entries`)
  const added = readAddedLanguages(paths, wordnet.senses, listed)
  const russianGlosses = glossesOf(entries, RUSSIAN_SOURCES)
  const pivotWords = readThroughPivots(paths, [...entries, ...added], wordnet.senses, listed)
  for (const [name, list] of pivotWords) log(`${name}: ${list.length} entries`)
  const ukrainianForms = readWordList(paths.ukrainianWordsFile, /^\p{Script=Cyrillic}+$/u)
  added.push([UKRAINIAN_SOURCE, throughPivot(readApertiumPair(paths.apertiumRusUkrDir, 'ukr-rus', ukrainianForms), russianGlosses)])
  for (const [name, list] of added) log(`${name}: ${list.length} entries`)
  const spanishGlosses = glossesOf([...entries, [SPANISH_NOUNS, spanishNouns]], SPANISH_SOURCES)
  const romanianForms = [...new Set(readAspellForms('ro').map((form) => form.toLowerCase()))].filter((form) => ROMANIAN_LETTERS.test(form))
  const romanian = withCedillaSpellings(throughPivot(readApertiumPair(paths.apertiumEsRoDir, 'ro-es', romanianForms), spanishGlosses))
  const englishWords = englishWordsOf(listed)
  const laterAdded: [string, BilingualEntry[]][] = [
    [ROMANIAN_SOURCE, romanian.filter((entry) => !wordnet.senses.has(entry.word) && !englishWords.has(entry.word))],
    [KOREAN_CLDR_SOURCE, readCldrKorean(paths.cldrDir, koreanStopwords)]
  ]
  for (const [name, list] of laterAdded) log(`${name}: ${list.length} entries`)
  const addedStopwords = new Set([...ADDED_LANGUAGES.flatMap(({ lang }) => [...OTHER_STOP_WORDS[lang]!]), ...readStopwords(paths.stopwordsModule, ['uk'])])
  const laterStopwords = new Set(OTHER_STOP_WORDS.ro)
  const protectedForms = options.queryLexicon
    ? new Set<string>()
    : new Set([...listed, ...PROTECTED_SPELLINGS.flatMap(([lang, expand]) => readAspellForms(lang, { expand }))].map((form) => form.toLowerCase()))
  log(`protected word forms: ${protectedForms.size}`)
  const inflectedForms = INFLECTED_FORM_DICTIONARIES.flatMap(({ lang, aspell, hunspell }) => {
    const paradigms = hunspell ? readHunspellParadigms(aspell, hunspell) : readAspellParadigms(aspell)
    return paradigms.flatMap(([word, forms]) => forms.filter((form) => LETTERS_ONLY.test(form)).map((form) => ({ lang, form, word })))
  })
  log(`inflected forms (${INFLECTED_FORM_DICTIONARIES.map(({ aspell }) => aspell).join(', ')}): ${inflectedForms.length}`)
  return { wordnet, stopwords, entries, spanishNouns, pivotWords, englishInflections: inflections, englishLemmaReadings: lemmaReadings, inflectedForms, added, laterAdded, addedStopwords, laterStopwords, protectedForms }
}

/** See SourceData.spanishNouns. */
function readSpanishNouns(paths: SourcePaths, entries: readonly [string, BilingualEntry[]][], englishLemmas: ReadonlyMap<string, unknown>, listed: readonly string[]): BilingualEntry[] {
  const firstTag = new Set(entries.find(([name]) => name === 'apertium spa-eng')![1].map((entry) => normalized(entry.word)))
  const englishWords = new Set(listed.map((word) => word.toLowerCase()))
  return readApertiumSpanish(paths.apertiumDir, { fullAnalysis: true }).filter((entry) => {
    const word = normalized(entry.word)
    return !firstTag.has(word) && !englishLemmas.has(word) && !englishWords.has(word)
  })
}

/**
 * See SourceData.pivotWords: each pivot's words of its language (headwords lower-cased and read through their English
 * glosses), but English words (as for ADDED_LANGUAGES) and those the language's own sources have.
 */
function readThroughPivots(paths: SourcePaths, sources: readonly [string, BilingualEntry[]][], englishLemmas: ReadonlyMap<string, unknown>, listed: readonly string[]): [string, BilingualEntry[]][] {
  const englishWords = new Set(listed.map((word) => word.toLowerCase()))
  return PIVOTED_LANGUAGES.map(({ source, letters, own, pivots }) => {
    const ownGlosses = glossesOf(sources, own)
    const isNew = (word: string): boolean => !ownGlosses.has(word) && !englishLemmas.has(word) && !englishWords.has(word)
    const words = pivots.flatMap(({ name, through, wikdict }) => {
      const reversed = readDictdRanked(paths.dictdDir, name, letters, { wikdict, headwords: /^\p{L}[\p{L}-]*$/u })
      const lowerCased = reversed.map((entry) => ({ ...entry, glosses: entry.glosses.map(normalized) }))
      return throughPivot(lowerCased, glossesOf(sources, through)).filter((entry) => isNew(normalized(entry.word)))
    })
    return [source, words]
  })
}

/** Word (lower-cased) -> its English glosses, from the named sources in order (a word's entries in a source in their order). */
function glossesOf(entries: readonly [string, BilingualEntry[]][], names: readonly string[]): Map<string, string[]> {
  const glosses = new Map<string, string[]>()
  for (const name of names) {
    const source = entries.find(([entryName]) => entryName === name)
    if (!source) throw new Error(`no source ${name}`)
    for (const entry of source[1]) {
      const word = normalized(entry.word)
      glosses.set(word, [...new Set([...(glosses.get(word) ?? []), ...entry.glosses])])
    }
  }
  return glosses
}

/**
 * Aspell dictionaries of the pack's Latin-script languages and of Russian, [language, expand its affixes]: their word
 * forms (with SCOWL's English) keep their reading when languages are added (see wordsKeepingReadings; Russian since
 * Ukrainian came: "строки" had become Ukrainian строк, a term, instead of строка, "справа" Ukrainian "matter" instead
 * of "on the right", "добавить" доба + вить). Italian's base words only:
 * its expansion is 34 million forms.
 */
const PROTECTED_SPELLINGS: [string, boolean][] = [
  ['ru', true],
  ['es', true],
  ['de', true],
  ['fr', true],
  ['pt_PT', true],
  ['it', false]
]

/**
 * The sources of ADDED_LANGUAGES: words in the language's letters that are not English. English notes use many words
 * WordNet lacks (api, pdf, admin), so an English word list's words and acronyms count too, not its names (Hond, Wola),
 * which are words of other languages as well. Their dictionaries list English words among the translations ("sleep").
 */
function readAddedLanguages(paths: SourcePaths, englishLemmas: ReadonlyMap<string, unknown>, listed: readonly string[]): [string, BilingualEntry[]][] {
  const englishWords = englishWordsOf(listed)
  const added: [string, BilingualEntry[]][] = []
  for (const { letters, toEnglish, fromEnglish } of ADDED_LANGUAGES) {
    const keep = (entry: BilingualEntry): boolean => {
      const word = entry.word.toLowerCase()
      return letters.test(word) && !englishLemmas.has(word) && !englishWords.has(word)
    }
    for (const { name, wikdict } of toEnglish) added.push([name, readDictd(paths.dictdDir, name, { wikdict }).filter(keep)])
    for (const { name, wikdict } of fromEnglish) added.push([rankedSourceName(name), readDictdRanked(paths.dictdDir, name, letters, { wikdict }).filter(keep)])
  }
  return added
}

/** The English word list's words and acronyms, lower-cased, not its names (Hond, Wola: words of other languages as well). */
function englishWordsOf(listed: readonly string[]): Set<string> {
  return new Set(listed.filter((word) => word === word.toLowerCase() || word === word.toUpperCase()).map((word) => word.toLowerCase()))
}

/** `entries` and, for each word written with ș or ț, the same entry spelt with ş or ţ, never offered as a translation (see ROMANIAN_SOURCE). */
function withCedillaSpellings(entries: readonly BilingualEntry[]): BilingualEntry[] {
  return entries.flatMap((entry) => {
    const older = entry.word.replace(/ș/g, 'ş').replace(/ț/g, 'ţ')
    return older === entry.word ? [entry] : [entry, { ...entry, word: older, baseForm: false }]
  })
}

/** Words (sorted) and their sparse vectors. */
export function buildWords(data: SourceData, options: LexiconOptions): Map<string, SparseVector> {
  const english = new EnglishSpace(data.wordnet.synsets, data.wordnet.senses, data.wordnet.exceptions, options, data.wordnet.tagCounts)
  const builder = new LexiconBuilder(english, options)
  builder.addEnglish()
  for (const [, entries] of data.entries) builder.addEntries(entries)
  builder.addStopwords(data.stopwords)
  addSpanishNouns(builder, data)
  const established = builder.knownWords()
  const taken = readsAlready(established)
  const candidates = data.added.map(([, entries]) => entries.filter((entry) => isNewWord(entry, taken)))
  const kept = wordsKeepingReadings([...established], new Set(candidates.flat().map((entry) => normalized(entry.word))), data.protectedForms)
  for (const entries of candidates) builder.addEntries(entries.filter((entry) => kept.has(normalized(entry.word))))
  builder.addStopwords(new Set([...data.addedStopwords].filter((word) => !taken(word) && !data.protectedForms.has(word))))
  addPivotWords(builder, data)
  addEnglishInflections(builder, data)
  addInflectedForms(builder, data)
  addLaterLanguages(builder, data)
  return builder.finish()
}

/**
 * Adds SourceData.spanishNouns that are new words and change no protected form's reading but their own (every one of
 * them is an aspell-es form itself). A form the pack hashed or split as a compound may be read through them instead
 * (guessesMayChange, as for the Russian words): such forms, like the plural contraseñas read as contra + señas, had
 * kept out contraseña (password), versión and sesión.
 */
function addSpanishNouns(builder: LexiconBuilder, data: SourceData): void {
  if (data.spanishNouns.length === 0) return
  const established = builder.knownWords()
  const taken = readsAlready(established)
  const nouns = data.spanishNouns.filter((entry) => isNewWord(entry, taken))
  const words = new Set(nouns.map((entry) => normalized(entry.word)))
  const otherForms = new Set([...data.protectedForms].filter((form) => !words.has(form)))
  const kept = wordsKeepingReadings([...established], words, otherForms, { guessesMayChange: true })
  builder.addEntries(nouns.filter((entry) => kept.has(normalized(entry.word))))
}

/**
 * Adds SourceData.pivotWords that are new words, after every other source (so Ukrainian words, which share many
 * spellings with Russian ones, keep their reading: висока, high, would otherwise read as a new Russian висок, the
 * temple of the head). Their own forms and inflections are word forms of their language's Aspell dictionary, which the
 * pack hashed or split as compounds: those may be read through them (файла -> файл, доменами -> домен instead of
 * дом + нами), while every form the pack reads as one word keeps its reading.
 */
function addPivotWords(builder: LexiconBuilder, data: SourceData): void {
  const entries = data.pivotWords.flatMap(([, list]) => list)
  if (entries.length === 0) return
  const established = builder.knownWords()
  const taken = readsAlready(established)
  const words = entries.filter((entry) => isNewWord(entry, taken))
  const kept = wordsKeepingReadings([...established], new Set(words.map((entry) => normalized(entry.word))), data.protectedForms, { guessesMayChange: true })
  builder.addEntries(words.filter((entry) => kept.has(normalized(entry.word))))
}

/** Adds SourceData.laterStopwords that are new, then laterAdded's new words that change no protected form's reading, one source after the other, after every other word. */
function addLaterLanguages(builder: LexiconBuilder, data: SourceData): void {
  const stopwordsTaken = readsAlready(builder.knownWords())
  builder.addStopwords(new Set([...data.laterStopwords].filter((word) => !stopwordsTaken(word) && !data.protectedForms.has(word))))
  for (const [, entries] of data.laterAdded) {
    const established = builder.knownWords()
    const taken = readsAlready(established)
    const words = entries.filter((entry) => isNewWord(entry, taken))
    const kept = wordsKeepingReadings([...established], new Set(words.map((entry) => normalized(entry.word))), data.protectedForms)
    builder.addEntries(words.filter((entry) => kept.has(normalized(entry.word))))
  }
}

/**
 * Adds the SourceData.englishInflections the pack reads as another word than their lemma, after every other source:
 * its suffix rules run longest first, so -es comes before the plural -s and "files", "nodes" and "types" read as the
 * words fil, nod and typ. Hashed forms and guessed compounds may be read through them too ("aldermen" was ald + rme);
 * every other form the pack reads keeps its reading.
 */
function addEnglishInflections(builder: LexiconBuilder, data: SourceData): void {
  if (data.englishInflections.length === 0) return
  const established = [...builder.knownWords()]
  const known = new Set(established)
  const reader = readerOf(established, { compounds: true })
  const readsAsLemma = (entry: BilingualEntry): boolean => {
    const ids = reader.wordIds(entry.word)
    return ids.length === 1 && entry.glosses.includes(established[ids[0]!] ?? '')
  }
  const misread = data.englishInflections.filter((entry) => !known.has(entry.word) && !readsAsLemma(entry))
  const words = new Set(misread.map((entry) => entry.word))
  const otherForms = new Set([...data.protectedForms].filter((form) => !words.has(form)))
  const kept = wordsKeepingReadings(established, words, otherForms, { guessesMayChange: true })
  builder.addEntries(misread.filter((entry) => kept.has(entry.word)))
}

/**
 * Adds the SourceData.inflectedForms of words the pack has that it only guesses at, hashed or split as a compound
 * (академическом hashed, указателе read as указ + тело), as words with their word's vector, after every other source.
 * Every form the pack reads as one word keeps its meaning: its reading, or a form of the same word (строки, read as
 * строка by the -и -> -а rule, may be read through the new строк by -и -> -), and so does every other protected form.
 */
function addInflectedForms(builder: LexiconBuilder, data: SourceData): void {
  if (data.inflectedForms.length === 0) return
  const established = [...builder.knownWords()]
  const known = new Set(established)
  const reader = readerOf(established, { compounds: true })
  const guessed = data.inflectedForms.filter(({ form, word }) => known.has(word) && !known.has(form) && isGuess(readingOf(reader, established, form)))
  const forms = new Set(guessed.map(({ form }) => form))
  const otherForms = new Set([...data.protectedForms].filter((form) => !forms.has(form)))
  const wordsOf = new Map<string, Set<string>>()
  for (const { form, word } of guessed) wordsOf.set(form, (wordsOf.get(form) ?? new Set()).add(word))
  const formOf = new Map([...wordsOf].filter(([, words]) => words.size === 1).map(([form, words]) => [form, [...words][0]!]))
  const kept = wordsKeepingReadings(established, forms, otherForms, { guessesMayChange: true, formOf })
  for (const { form, word } of guessed) if (kept.has(form)) builder.addForm(form, word)
}

/** Whether the pack, with `established` as its vocabulary, reads a word already: one of its words, or a suffix rewrite of one. */
function readsAlready(established: ReadonlySet<string>): (word: string) => boolean {
  const reader = readerOf([...established], { compounds: false })
  return (word) => established.has(word) || reader.wordIds(word)[0] !== -1
}

/** The pack's reading of words with `words` as vocabulary (id = index): its suffix rules, and compounds unless turned off; -1 for an unknown word. */
function readerOf(words: readonly string[], options: { compounds: boolean }): WordTokenizer {
  return new WordTokenizer({ vocabulary: Vocabulary.fromWords(words), suffixRules: SUFFIX_RULES, lowercase: true, unknownId: -1, padId: -1, compounds: options.compounds })
}

function normalized(word: string): string {
  return word.normalize('NFKC').toLowerCase().trim()
}

/**
 * The added words that leave the pack's reading of every protected word form as it was. A form the pack reads through
 * a suffix rule or as a compound would be read through a new word instead ("volumes" -> volume -> Norwegian "volum",
 * Spanish "plantilla" -> plant + Swedish "illa"), and a form that is itself a new word would change meaning (Spanish
 * "referencia", a Hungarian word too): such words are left out, until no form changes (four rounds at most; each
 * round leaves out at least one word). `guessesMayChange`, for words added to one of the pack's own languages: a form the
 * pack hashed or split as a compound (a guess) may be read through the new words instead (itself, a suffix rule or a
 * compound). `formOf`: added words that are a form of one established word (and have its vector), read as that word.
 */
function wordsKeepingReadings(
  established: readonly string[],
  added: ReadonlySet<string>,
  forms: ReadonlySet<string>,
  options: { guessesMayChange?: boolean; formOf?: ReadonlyMap<string, string> } = {}
): Set<string> {
  const known = new Set(established)
  const before = readerOf(established, { compounds: true })
  const unknownForms = [...forms].filter((form) => !known.has(form) && /^\p{L}+$/u.test(form))
  const readingBefore = new Map(unknownForms.map((form) => [form, readingOf(before, established, form)]))
  let kept = new Set([...added].filter((word) => options.guessesMayChange || !forms.has(word)))
  for (let round = 0; round < 4; round++) {
    const words = [...established, ...kept]
    const after = readerOf(words, { compounds: true })
    const changed = new Set<string>()
    const meaning = (id: number): string => (id < established.length ? (established[id] ?? '#') : (options.formOf?.get(words[id]!) ?? `new ${words[id]}`))
    for (const form of unknownForms) {
      const ids = after.wordIds(form)
      if (ids.map(meaning).join('+') === readingBefore.get(form)) continue
      if (options.guessesMayChange && isGuess(readingBefore.get(form)!)) continue
      for (const id of ids) if (id >= established.length) changed.add(words[id]!)
    }
    if (changed.size === 0) break
    kept = new Set([...kept].filter((word) => !changed.has(word)))
  }
  return kept
}

/** How `reader`, whose vocabulary is `words`, reads `form` (see wordsRead). */
function readingOf(reader: WordTokenizer, words: readonly string[], form: string): string {
  return wordsRead(words, reader.wordIds(form))
}

/** A reading's words joined by +, # for a hashed word (see readerOf). */
function wordsRead(words: readonly string[], ids: readonly number[]): string {
  return ids.map((id) => words[id] ?? '#').join('+')
}

/** Whether a reading (see wordsKeepingReadings) is the pack's guess: a hashed word (#) or a compound split (a+b). */
function isGuess(reading: string): boolean {
  return reading === '#' || reading.includes('+')
}

/**
 * Whether an added language's entry brings a word of its own to the vectors. Every word the pack reads keeps its
 * reading: the words added so far and those its suffix rules read ("schools" -> school, "arrived" -> arrive). So does
 * a word its dictionary glosses with itself: a loanword or a name means what it means in the language it came from.
 * Words of three letters or fewer written in a-z are where command names and abbreviations live (dev, aur, duf in the
 * tldr pages are Turkish, Indonesian and Dutch words too): they stay hashed, matching only themselves, which kept the
 * tldr translation pairs together on the map (the query lexicon still translates them).
 */
function isNewWord(entry: BilingualEntry, taken: (word: string) => boolean): boolean {
  const word = normalized(entry.word)
  if (word.length <= 3 && /^[a-z]+$/.test(word)) return false
  return !taken(word) && !entry.glosses.some((gloss) => gloss.trim().toLowerCase() === word)
}
