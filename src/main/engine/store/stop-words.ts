// English stop words, and splitting a keyword query into content words and stop words (the latter are weighted low).

/**
 * The words the full-text index's English stop-word filter (Snowball list, as LanceDB/tantivy apply it) drops. The index
 * keeps them; the query uses this list to give them a small weight instead (test/store/stop-words.test.ts checks the list
 * against LanceDB's own filter).
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself ' +
    'they them their theirs themselves what which who whom this that these those am is are was were be been being have has had ' +
    'having do does did doing should will can a an the and but if or because as until while of at by for with about against ' +
    'between into through during before after above below to from up down in out on off over under again further then once here ' +
    'there when where why how all any both each few more most other some such no nor not only own same so than too very just also'
  ).split(' ')
)

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' })

/** A keyword query split in two: `content` (the query without its stop words, CJK runs untouched) and its `stopWords`. */
export interface SplitQuery {
  content: string
  stopWords: string[]
}

/** Splits `query` into content words and English stop words (case-insensitive, whole words only). */
export function splitStopWords(query: string): SplitQuery {
  let content = ''
  const stopWords: string[] = []
  for (const segment of wordSegmenter.segment(query)) {
    if (segment.isWordLike && ENGLISH_STOP_WORDS.has(segment.segment.toLowerCase())) {
      stopWords.push(segment.segment)
      content += ' '
    } else content += segment.segment
  }
  return { content: content.replace(/\s+/g, ' ').trim(), stopWords }
}
