// The query-translation lexicon file: sorted word lists and weighted translation lists in one binary, read in place (no per-word objects).

/** A list of (key, probability) pairs, most probable first. */
export type WeightedList = [string, number][]

/** One language's tables, as the build writes them (keys sorted). */
export interface LanguageTables {
  lang: string
  /** word -> English lemmas with p(lemma | word). */
  toEnglish: [string, WeightedList][]
  /** English lemma -> words of this language with p(word | lemma). */
  fromEnglish: [string, WeightedList][]
}

/** Everything the lexicon file holds. */
export interface QueryLexiconTables {
  languages: LanguageTables[]
  /**
   * English inflected form -> lemma and p(lemma | form) among the form's rows, sorted by form (stably: a form with
   * several lemmas has a row each, the irregular one first). A form that is a lemma itself ("evening") lists its other
   * readings only ("even").
   */
  englishForms: [string, string, number][]
  /** Suffix rewrites tried in order for a word the tables do not know ("puntos" -> "punto"): [suffix, replacement]. */
  suffixRules: [string, string][]
  /** Function words never translated, by language (for languages the query's stop-word split does not cover, e.g. zh, ja). */
  stopWords: Record<string, string[]>
}

export const LEXICON_MAGIC = 'SNQL'
/** Bumped whenever the layout below changes; a reader refuses other versions. */
export const LEXICON_FORMAT_VERSION = 2

/** A sorted word list: UTF-8 words back to back, with byte offsets (one more than words). */
interface WordListLayout {
  bytes: [number, number]
  starts: [number, number]
}

/** Compressed sparse rows: row i's entries are [offsets[i], offsets[i + 1]) of ids and weights. */
interface ListsLayout {
  offsets: [number, number]
  ids: [number, number]
  weights: [number, number]
}

interface Header {
  version: number
  suffixRules: [string, string][]
  stopWords: Record<string, string[]>
  english: WordListLayout
  forms: WordListLayout
  /** Lemma id of each form. */
  formLemmas: [number, number]
  /** p(lemma | form) of each form row, one byte (see WEIGHT_SCALE). */
  formWeights: [number, number]
  languages: {
    lang: string
    words: WordListLayout
    /** Row per word: English lemma ids. */
    toEnglish: ListsLayout
    /** English lemma ids that have words, sorted; row per key: word ids. */
    fromEnglishKeys: [number, number]
    fromEnglish: ListsLayout
  }[]
}

/** Probabilities are stored in one byte: round(p * 255), at least 1. */
const WEIGHT_SCALE = 255

function weightByte(p: number): number {
  return Math.max(1, Math.min(WEIGHT_SCALE, Math.round(p * WEIGHT_SCALE)))
}

/** Serializes the tables (deterministic: same tables, same bytes). */
export function encodeQueryLexicon(tables: QueryLexiconTables): Uint8Array {
  const parts: Uint8Array[] = []
  let size = 0
  const put = (bytes: Uint8Array): [number, number] => {
    const at = size
    parts.push(bytes)
    size += bytes.length
    const pad = (4 - (size % 4)) % 4
    if (pad) (parts.push(new Uint8Array(pad)), (size += pad))
    return [at, bytes.length]
  }
  const encoder = new TextEncoder()
  const putWords = (words: readonly string[]): WordListLayout => {
    const encoded = words.map((w) => encoder.encode(w))
    const starts = new Uint32Array(words.length + 1)
    encoded.forEach((bytes, i) => (starts[i + 1] = starts[i]! + bytes.length))
    const all = new Uint8Array(starts[words.length]!)
    encoded.forEach((bytes, i) => all.set(bytes, starts[i]!))
    return { bytes: put(all), starts: put(bytesOf(starts)) }
  }
  const putLists = (rows: readonly WeightedList[], idOf: (key: string) => number): ListsLayout => {
    const offsets = new Uint32Array(rows.length + 1)
    rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.length))
    const ids = new Uint32Array(offsets[rows.length]!)
    const weights = new Uint8Array(ids.length)
    rows.forEach((row, i) => row.forEach(([key, p], k) => {
      ids[offsets[i]! + k] = idOf(key)
      weights[offsets[i]! + k] = weightByte(p)
    }))
    return { offsets: put(bytesOf(offsets)), ids: put(bytesOf(ids)), weights: put(weights) }
  }

  const englishSet = new Set<string>()
  for (const [, lemma] of tables.englishForms) englishSet.add(lemma)
  for (const language of tables.languages) {
    for (const [, list] of language.toEnglish) for (const [lemma] of list) englishSet.add(lemma)
    for (const [lemma] of language.fromEnglish) englishSet.add(lemma)
  }
  const english = sortedUnique([...englishSet])
  const englishId = indexOf(english)
  const header: Header = {
    version: LEXICON_FORMAT_VERSION,
    suffixRules: tables.suffixRules,
    stopWords: tables.stopWords,
    english: putWords(english),
    forms: putWords(tables.englishForms.map(([form]) => form)),
    formLemmas: put(bytesOf(Uint32Array.from(tables.englishForms, ([, lemma]) => englishId(lemma)))),
    formWeights: put(Uint8Array.from(tables.englishForms, ([, , p]) => weightByte(p))),
    languages: []
  }
  for (const language of tables.languages) {
    const wordSet = new Set(language.toEnglish.map(([word]) => word))
    for (const [, list] of language.fromEnglish) for (const [word] of list) wordSet.add(word)
    const words = sortedUnique([...wordSet])
    const wordId = indexOf(words)
    const toEnglish = new Map(language.toEnglish)
    const fromEnglish = [...language.fromEnglish].sort((a, b) => englishId(a[0]) - englishId(b[0]))
    header.languages.push({
      lang: language.lang,
      words: putWords(words),
      toEnglish: putLists(words.map((w) => toEnglish.get(w) ?? []), englishId),
      fromEnglishKeys: put(bytesOf(Uint32Array.from(fromEnglish, ([lemma]) => englishId(lemma)))),
      fromEnglish: putLists(fromEnglish.map(([, list]) => list), wordId)
    })
  }
  const headerBytes = encoder.encode(JSON.stringify(header))
  const prefix = new Uint8Array(12 + headerBytes.length + ((4 - ((12 + headerBytes.length) % 4)) % 4))
  prefix.set(encoder.encode(LEXICON_MAGIC), 0)
  new DataView(prefix.buffer).setUint32(4, LEXICON_FORMAT_VERSION, true)
  new DataView(prefix.buffer).setUint32(8, headerBytes.length, true)
  prefix.set(headerBytes, 12)
  const out = new Uint8Array(prefix.length + size)
  out.set(prefix, 0)
  let at = prefix.length
  for (const part of parts) (out.set(part, at), (at += part.length))
  return out
}

/** A sorted word list read in place: lookups by binary search, words decoded on demand. */
class WordList {
  private readonly decoder = new TextDecoder()

  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Uint32Array
  ) {}

  get size(): number {
    return this.starts.length - 1
  }

  word(id: number): string {
    return this.decoder.decode(this.bytes.subarray(this.starts[id]!, this.starts[id + 1]!))
  }

  /** Id of `word`, or -1. */
  find(word: string): number {
    let low = 0
    let high = this.size - 1
    while (low <= high) {
      const mid = (low + high) >>> 1
      const probe = this.word(mid)
      if (probe === word) return mid
      if (probe < word) low = mid + 1
      else high = mid - 1
    }
    return -1
  }
}

/** Weighted rows read in place. */
class Lists {
  constructor(
    private readonly offsets: Uint32Array,
    private readonly ids: Uint32Array,
    private readonly weights: Uint8Array
  ) {}

  row(index: number): [number, number][] {
    const out: [number, number][] = []
    for (let i = this.offsets[index]!; i < this.offsets[index + 1]!; i++) out.push([this.ids[i]!, this.weights[i]! / WEIGHT_SCALE])
    return out
  }
}

interface LanguageView {
  words: WordList
  toEnglish: Lists
  fromEnglishKeys: Uint32Array
  fromEnglish: Lists
}

/** The decoded lexicon: every lookup reads the file's buffer in place. */
export class LexiconView {
  readonly languages: readonly string[]
  readonly suffixRules: readonly (readonly [string, string])[]
  private readonly stopWords: ReadonlyMap<string, ReadonlySet<string>>
  private readonly english: WordList
  private readonly forms: WordList
  private readonly formLemmas: Uint32Array
  private readonly formWeights: Uint8Array
  private readonly byLang = new Map<string, LanguageView>()

  /** @throws Error when `bytes` is not a lexicon file of this format version. */
  constructor(readonly bytes: Uint8Array) {
    const text = new TextDecoder()
    if (bytes.length < 12 || text.decode(bytes.subarray(0, 4)) !== LEXICON_MAGIC) throw new Error('not a Semnote query lexicon (bad magic)')
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const version = view.getUint32(4, true)
    if (version !== LEXICON_FORMAT_VERSION) throw new Error(`query lexicon format ${version}, this Semnote reads format ${LEXICON_FORMAT_VERSION}`)
    const headerLength = view.getUint32(8, true)
    const header = JSON.parse(text.decode(bytes.subarray(12, 12 + headerLength))) as Header
    const base = 12 + headerLength + ((4 - ((12 + headerLength) % 4)) % 4)
    const slice = ([at, length]: [number, number]) => {
      if (at + length > bytes.length - base) throw new Error('query lexicon is truncated')
      return bytes.subarray(base + at, base + at + length)
    }
    const u32 = (span: [number, number]) => {
      const raw = slice(span)
      return new Uint32Array(raw.buffer, raw.byteOffset, raw.length / 4)
    }
    const words = (layout: WordListLayout) => new WordList(slice(layout.bytes), u32(layout.starts))
    const lists = (layout: ListsLayout) => new Lists(u32(layout.offsets), u32(layout.ids), slice(layout.weights))
    this.english = words(header.english)
    this.forms = words(header.forms)
    this.formLemmas = u32(header.formLemmas)
    this.formWeights = slice(header.formWeights)
    for (const language of header.languages) {
      this.byLang.set(language.lang, {
        words: words(language.words),
        toEnglish: lists(language.toEnglish),
        fromEnglishKeys: u32(language.fromEnglishKeys),
        fromEnglish: lists(language.fromEnglish)
      })
    }
    this.languages = header.languages.map((l) => l.lang)
    this.suffixRules = header.suffixRules
    this.stopWords = new Map(Object.entries(header.stopWords).map(([lang, words]) => [lang, new Set(words)]))
  }

  /** True when `word` is a function word of `lang` that is never translated. */
  isStopWord(lang: string, word: string): boolean {
    return this.stopWords.get(lang)?.has(word) ?? false
  }

  /** True when `word` is an English lemma the lexicon knows. */
  isEnglishLemma(word: string): boolean {
    return this.english.find(word) >= 0
  }

  /** The lemmas of an inflected English form ("went" -> go, "lives" -> life, live), first the irregular one; none for other words. */
  englishFormLemmas(form: string): string[] {
    return this.englishFormReadings(form).map(([lemma]) => lemma)
  }

  /** englishFormLemmas with p(lemma | form) each, among the form's lemmas. */
  englishFormReadings(form: string): WeightedList {
    const found = this.forms.find(form)
    if (found < 0) return []
    let first = found
    while (first > 0 && this.forms.word(first - 1) === form) first--
    const readings: WeightedList = []
    for (let id = first; id < this.forms.size && this.forms.word(id) === form; id++) readings.push([this.english.word(this.formLemmas[id]!), this.formWeights[id]! / WEIGHT_SCALE])
    return readings
  }

  /** True when `word` is a word of `lang` with translations. */
  has(lang: string, word: string): boolean {
    const language = this.byLang.get(lang)
    if (!language) return false
    const id = language.words.find(word)
    return id >= 0 && language.toEnglish.row(id).length > 0
  }

  /** English lemmas of a word of `lang` with p(lemma | word), most probable first ([] when unknown). */
  toEnglish(lang: string, word: string): WeightedList {
    const language = this.byLang.get(lang)
    const id = language ? language.words.find(word) : -1
    if (!language || id < 0) return []
    return language.toEnglish.row(id).map(([lemma, p]) => [this.english.word(lemma), p])
  }

  /** Words of `lang` for an English lemma with p(word | lemma), most probable first ([] when none). */
  fromEnglish(lang: string, lemma: string): WeightedList {
    const language = this.byLang.get(lang)
    const englishId = this.english.find(lemma)
    if (!language || englishId < 0) return []
    const row = sortedIndexOf(language.fromEnglishKeys, englishId)
    if (row < 0) return []
    return language.fromEnglish.row(row).map(([word, p]) => [language.words.word(word), p])
  }
}

function bytesOf(array: Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

function sortedUnique(words: string[]): string[] {
  return [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function indexOf(sorted: readonly string[]): (word: string) => number {
  const ids = new Map(sorted.map((word, i) => [word, i]))
  return (word) => {
    const id = ids.get(word)
    if (id === undefined) throw new Error(`word not in list: ${word}`)
    return id
  }
}

function sortedIndexOf(array: Uint32Array, value: number): number {
  let low = 0
  let high = array.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    if (array[mid] === value) return mid
    if (array[mid]! < value) low = mid + 1
    else high = mid - 1
  }
  return -1
}
