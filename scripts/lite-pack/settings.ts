// Fixed settings of the lite pack: table shapes, tokenizer fallbacks and suffix rules.
import type { WordTokenizerData } from '../../src/main/engine/model/word-tokenizer'
import { Vocabulary } from '../../src/main/engine/model/vocabulary'
import { PAD_TOKEN, UNKNOWN_TOKEN, type TableOptions } from './tables'

export const DEFAULT_TABLE_OPTIONS: TableOptions = {
  buckets: 65536,
  dimension: 1024,
  keysPerWord: 8,
  unknownWeight: 6,
  power: 0.6
}

/** Suffix rewrites for unknown words (English, German, French, Spanish inflection), longest suffix first. */
export const SUFFIX_RULES: [string, string][] = (
  [
    ["'s", ''],
    ['ies', 'y'],
    ['ied', 'y'],
    ['es', ''],
    ['s', ''],
    ['ed', ''],
    ['ed', 'e'],
    ['ing', ''],
    ['ing', 'e'],
    ['ly', ''],
    ['er', ''],
    ['est', ''],
    ['ungen', 'ung'],
    ['ten', 'en'],
    ['te', 'en'],
    ['ern', ''],
    ['en', ''],
    ['em', ''],
    ['n', ''],
    ['e', ''],
    ['t', 'en'],
    ['st', 'en'],
    ['x', '']
  ] as [string, string][]
)
  .map((rule, order) => ({ rule, order }))
  .sort((a, b) => b.rule[0].length - a.rule[0].length || a.order - b.order)
  .map(({ rule }) => rule)

/** Tokenizer settings for a vocabulary laid out by `buildTables`. */
export function tokenizerData(vocab: readonly string[], suffixRules: readonly (readonly [string, string])[], buckets: number): WordTokenizerData {
  return {
    vocabulary: Vocabulary.fromWords(vocab),
    suffixRules,
    lowercase: true,
    padId: vocab.indexOf(PAD_TOKEN),
    unknownId: vocab.indexOf(UNKNOWN_TOKEN),
    hashBuckets: { offset: vocab.length, count: buckets },
    cjkCharacters: true,
    compounds: true
  }
}
