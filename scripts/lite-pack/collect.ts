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
  readStopwords,
  readWordNet,
  type BilingualEntry,
  type SourcePaths
} from './sources'

/** FreeDict databases read X -> English, and English -> X ones read reversed. */
export const FREEDICT_TO_ENGLISH = ['freedict-deu-eng', 'freedict-spa-eng', 'freedict-fra-eng', 'freedict-ita-eng', 'freedict-por-eng']
export const FREEDICT_FROM_ENGLISH = ['freedict-eng-spa', 'freedict-eng-fra', 'freedict-eng-rus']

/** Korean words through their Hanja spellings (libhangul + CC-CEDICT): the query lexicon's only. */
export const KOREAN_SOURCE = 'hanja (libhangul)'

/** Languages whose stopwords are damped. */
export const STOPWORD_LANGUAGES = ['en', 'zh', 'ja', 'de', 'es', 'fr', 'it', 'pt', 'ru']

/** Everything read from the sources, before any weighting. */
export interface SourceData {
  wordnet: ReturnType<typeof readWordNet>
  stopwords: Set<string>
  entries: [string, BilingualEntry[]][]
}

/**
 * Reads every source (slow: about a minute). `apertiumFullAnalysis`: see readApertiumSpanish; `korean`: also Korean words
 * through their Hanja spellings (readHanjaKorean). The query lexicon sets both; the pack's vectors read neither.
 */
export async function readSources(
  paths: SourcePaths,
  log: (line: string) => void,
  options: { apertiumFullAnalysis?: boolean; korean?: boolean } = {}
): Promise<SourceData> {
  const wordnet = readWordNet(paths.wordnetDir)
  log(`wordnet: ${wordnet.synsets.length} synsets, ${wordnet.senses.size} lemmas`)
  const stopwords = readStopwords(paths.stopwordsModule, STOPWORD_LANGUAGES)
  const readers: [string, () => Promise<BilingualEntry[]> | BilingualEntry[]][] = [
    ['wordnet exceptions', () => [...wordnet.exceptions].map(([form, base]) => ({ word: form, glosses: [base], weight: 1 }))],
    ['cc-cedict', () => readCedict(paths.cedictModule)],
    ['edict', () => readEdict(paths.edictFile)],
    ['kanjidic', () => readKanjidic(paths.kanjidicFile)],
    ['apertium spa-eng', () => readApertiumSpanish(paths.apertiumDir, { fullAnalysis: options.apertiumFullAnalysis ?? false })],
    ...FREEDICT_TO_ENGLISH.map((name): [string, () => BilingualEntry[]] => [name, () => readDictd(paths.dictdDir, name)]),
    ...FREEDICT_FROM_ENGLISH.map((name): [string, () => BilingualEntry[]] => [`${name} (reversed)`, () => readDictdReversed(paths.dictdDir, name)])
  ]
  const entries: [string, BilingualEntry[]][] = []
  for (const [name, read] of readers) {
    const list = await read()
    entries.push([name, list])
    log(`${name}: ${list.length} entries`)
  }
  if (options.korean) {
    const cedict = entries.find(([name]) => name === 'cc-cedict')![1]
    const korean = readHanjaKorean(paths.hanjaFile, cedict, readStopwords(paths.stopwordsModule, ['ko']))
    entries.push([KOREAN_SOURCE, korean])
    log(`${KOREAN_SOURCE}: ${korean.length} entries`)
  }
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
