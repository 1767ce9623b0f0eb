// Reads every source and builds the multilingual word vectors of the lite pack.
import { EnglishSpace, LexiconBuilder, type LexiconOptions, type SparseVector } from './lexicon'
import {
  readApertiumSpanish,
  readCedict,
  readDictd,
  readDictdReversed,
  readEdict,
  readHanjaKorean,
  readKanjidic,
  readMuellerRussian,
  readStopwords,
  readWordNet,
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

/** Korean words through their Hanja spellings (libhangul + CC-CEDICT). */
export const KOREAN_SOURCE = 'hanja (libhangul)'

/** Languages whose stopwords are damped. */
export const STOPWORD_LANGUAGES = ['en', 'zh', 'ja', 'de', 'es', 'fr', 'it', 'pt', 'ru', 'ar', 'el', 'hi']

/** Everything read from the sources, before any weighting. */
export interface SourceData {
  wordnet: ReturnType<typeof readWordNet>
  stopwords: Set<string>
  entries: [string, BilingualEntry[]][]
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
  const cedict = entries.find(([name]) => name === 'cc-cedict')![1]
  const korean = readHanjaKorean(paths.hanjaFile, cedict, readStopwords(paths.stopwordsModule, ['ko']))
  entries.push([KOREAN_SOURCE, korean])
  log(`${KOREAN_SOURCE}: ${korean.length} entries`)
  return { wordnet, stopwords, entries }
}

/** Words (sorted) and their sparse vectors. */
export function buildWords(data: SourceData, options: LexiconOptions): Map<string, SparseVector> {
  const english = new EnglishSpace(data.wordnet.synsets, data.wordnet.senses, data.wordnet.exceptions, options)
  const builder = new LexiconBuilder(english, data.stopwords, options)
  builder.addEnglish()
  for (const [, entries] of data.entries) builder.addEntries(entries)
  builder.addStopwords()
  return builder.finish()
}
