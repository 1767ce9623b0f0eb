// Turns dictionary entries into word vectors over a shared English key space (sparse: key -> weight).
import { morphyLemmas, type PartOfSpeech } from './english-morphy'
import { type BilingualEntry, type Synset, tagCount, type TagCounts } from './sources'

/** A sparse vector over string keys (English lemmas, or a word's own surface form). */
export type SparseVector = Map<string, number>

/** Tunable weights of the lexicon; defaults were chosen on the dev sets (see README.md). */
export interface LexiconOptions {
  /** Weight of a foreign word's own surface form next to its translations (shared names, cognates, same-language matches). */
  identityWeight: number
  /** Share of an English word's vector given to its WordNet synonyms. */
  synonymWeight: number
  /** How many WordNet senses of an English word contribute synonyms. */
  synonymSenses: number
  /** Share of an English word's vector given to the lemmas of its first senses' hypernyms. */
  hypernymWeight: number
  /** How many WordNet senses of an English word contribute hypernyms. */
  hypernymSenses: number
  /** Hypernym levels followed upwards (level n weighs 1/n, split among its synsets; synsets without single-word lemmas only pass through). */
  hypernymLevels: number
  /** Share of an English word's vector given to derivationally related words of its first senses. */
  derivationWeight: number
  /** Share of an English word's vector given to the lemmas of synsets "similar to" its first senses (adjectives). */
  similarWeight: number
  /** Sense i of a foreign entry gets weight 1 / (1 + senseDecay * i). */
  senseDecay: number
  /** Keys kept per word. */
  keysPerWord: number
  /** Weight multiplier for stopwords. */
  stopwordScale: number
}

export const DEFAULT_LEXICON_OPTIONS: LexiconOptions = {
  identityWeight: 0.25,
  synonymWeight: 0.3,
  synonymSenses: 2,
  hypernymWeight: 1.2,
  hypernymSenses: 2,
  hypernymLevels: 2,
  derivationWeight: 0.2,
  similarWeight: 0.2,
  senseDecay: 0.5,
  keysPerWord: 8,
  stopwordScale: 0.15
}

const ENGLISH_GLOSS_STOPWORDS = new Set(
  'a an the to of be is are was were or and in on at by for with as from that this one s sth sb something someone somebody etc its it oneself used others'.split(' ')
)

/** English side: WordNet lemmas, their synonyms, inflection exceptions and gloss-based inverse document frequencies. */
export class EnglishSpace {
  private readonly idf = new Map<string, number>()
  private readonly maxIdf: number

  constructor(
    private readonly synsets: readonly Synset[],
    private readonly senses: ReadonlyMap<string, readonly number[]>,
    private readonly exceptions: ReadonlyMap<string, string>,
    private readonly options: LexiconOptions,
    private readonly tagCounts: TagCounts = new Map()
  ) {
    const df = new Map<string, number>()
    for (const synset of synsets) {
      const seen = new Set([...synset.lemmas, ...this.contentWords(synset.gloss)])
      for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1)
    }
    const total = synsets.length
    this.maxIdf = Math.log((total + 1) / 1)
    for (const [word, count] of df) this.idf.set(word, Math.log((total + 1) / (count + 1)))
  }

  /** English lemmas known to WordNet. */
  lemmas(): string[] {
    return [...this.senses.keys()].sort()
  }

  /** Inverse document frequency of an English word over WordNet glosses (unseen words get the maximum). */
  idfOf(word: string): number {
    return this.idf.get(word) ?? this.maxIdf
  }

  /**
   * The base form of an English token: itself when WordNet lists it, else its inflection exception, else of the lemmas
   * morphy's rules give (each checked against lemmas of the rule's part of speech: "using" is use, never the noun us),
   * the one tagged most often in SemCor ("does" is do, not doe; "hoped" hope, not hop), morphy's first on a tie.
   */
  lemmatize(token: string): string {
    if (this.senses.has(token)) return token
    const exception = this.exceptions.get(token)
    if (exception) return exception
    const lemmas = morphyLemmas(token, (pos, lemma) => this.isLemma(pos, lemma))
    let best = lemmas[0] ?? token
    for (const lemma of lemmas) if (tagCount(this.tagCounts, lemma) > tagCount(this.tagCounts, best)) best = lemma
    return best
  }

  private isLemma(pos: PartOfSpeech, lemma: string): boolean {
    return (this.senses.get(lemma) ?? []).some((id) => this.synsets[id]!.pos === pos)
  }

  /** Content words of an English phrase or gloss, lemmatized. */
  contentWords(text: string): string[] {
    const cleaned = text.toLowerCase().replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>|\{[^}]*\}|"[^"]*"/g, ' ')
    const tokens = cleaned.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []
    return tokens.filter((t) => !ENGLISH_GLOSS_STOPWORDS.has(t)).map((t) => this.lemmatize(t.replace(/'s$/, '')))
  }

  /** The vector of an English word: itself plus shares for synonyms, hypernyms, derivations and similar words of its first senses. */
  vector(word: string): SparseVector {
    const vector: SparseVector = new Map([[word, 1]])
    const senseIds = this.senses.get(word) ?? []
    const synonyms = new Map<string, number>()
    const similar = new Map<string, number>()
    const derived = new Map<string, number>()
    senseIds.slice(0, this.options.synonymSenses).forEach((synsetId, rank) => {
      const synset = this.synsets[synsetId]!
      addSpread(synonyms, synset.lemmas, word, 1 / (rank + 1))
      for (const similarId of synset.similar ?? []) addSpread(similar, this.synsets[similarId]!.lemmas, word, 1 / (rank + 1))
      const related = (synset.derivations ?? []).filter(([from]) => from === word).map(([, to]) => to)
      addSpread(derived, related, word, 1 / (rank + 1))
    })
    const hypernyms = new Map<string, number>()
    senseIds.slice(0, this.options.hypernymSenses).forEach((synsetId, rank) => {
      let level = [synsetId]
      for (let depth = 1; depth <= this.options.hypernymLevels; depth++) {
        level = this.withLemmas(level.flatMap((id) => this.synsets[id]!.hypernyms ?? []))
        for (const id of level) addSpread(hypernyms, this.synsets[id]!.lemmas, word, 1 / (rank + 1) / depth / level.length)
      }
    })
    addShare(vector, synonyms, this.options.synonymWeight)
    addShare(vector, hypernyms, this.options.hypernymWeight)
    addShare(vector, derived, this.options.derivationWeight)
    addShare(vector, similar, this.options.similarWeight)
    return vector
  }

  /** The synsets, each without single-word lemmas (e.g. civil_disobedience) replaced by its nearest hypernyms that have some. */
  private withLemmas(ids: readonly number[]): number[] {
    return ids.flatMap((id) => {
      let level = [id]
      for (let step = 0; step < 4 && level.length > 0 && level.every((i) => this.synsets[i]!.lemmas.length === 0); step++) {
        level = level.flatMap((i) => this.synsets[i]!.hypernyms ?? [])
      }
      return level
    })
  }
}

/** Adds `weight` spread evenly over `words` (except `self`). */
function addSpread(target: Map<string, number>, words: readonly string[], self: string, weight: number): void {
  const others = words.filter((w) => w !== self)
  for (const other of others) addTo(target, other, weight / others.length)
}

/** Adds the related words to `vector`, scaled so they sum to `share`. */
function addShare(vector: SparseVector, related: ReadonlyMap<string, number>, share: number): void {
  const total = [...related.values()].reduce((a, b) => a + b, 0)
  if (share <= 0 || total <= 0) return
  for (const [other, weight] of related) addTo(vector, other, (share * weight) / total)
}

function addTo(vector: SparseVector, key: string, weight: number): void {
  vector.set(key, (vector.get(key) ?? 0) + weight)
}

/** Collects every language's words as weighted sums of English word vectors. */
export class LexiconBuilder {
  /** word -> (unscaled vector, importance sum of English words for idf) */
  private readonly words = new Map<string, { vector: SparseVector; idfSum: number; mass: number }>()
  /** Words whose weight is damped in `finish` (see addStopwords). */
  private readonly damped = new Set<string>()

  constructor(
    private readonly english: EnglishSpace,
    private readonly options: LexiconOptions
  ) {}

  /** Adds English lemmas as words of their own. */
  addEnglish(): void {
    for (const lemma of this.english.lemmas()) this.addVector(lemma, this.english.vector(lemma), this.english.idfOf(lemma), 1)
  }

  /** Adds foreign entries; their own surface form joins their translations with `identityWeight`. */
  addEntries(entries: readonly BilingualEntry[]): void {
    for (const entry of entries) {
      const word = entry.word.normalize('NFKC').toLowerCase().trim()
      if (!word || /\s/.test(word)) continue
      const translation = new Map<string, number>()
      entry.glosses.forEach((gloss, senseIndex) => {
        const senseWeight = 1 / (1 + this.options.senseDecay * senseIndex)
        const phrases = gloss.split(/[;,]/).map((p) => this.english.contentWords(p)).filter((p) => p.length > 0)
        for (const phrase of phrases) {
          for (const token of phrase) addTo(translation, token, senseWeight / phrases.length / phrase.length)
        }
      })
      const total = [...translation.values()].reduce((a, b) => a + b, 0)
      if (total === 0) continue
      const vector: SparseVector = new Map()
      let idfSum = 0
      for (const [token, weight] of translation) {
        const share = weight / total
        idfSum += share * this.english.idfOf(token)
        for (const [key, value] of this.english.vector(token)) addTo(vector, key, share * value)
      }
      addTo(vector, word, this.options.identityWeight)
      this.addVector(word, vector, idfSum * entry.weight, entry.weight)
    }
  }

  /** Damps `stopwords` in `finish`, adding each one not known yet as a word of its own: function words never hash as rare words. */
  addStopwords(stopwords: ReadonlySet<string>): void {
    for (const word of [...stopwords].sort()) {
      this.damped.add(word)
      if (!this.words.has(word) && !/\s/.test(word)) this.addVector(word, new Map([[word, 1]]), this.english.idfOf(word), 1)
    }
  }

  /** Adds `form` with the vector `word` has so far (an inflected form read as its word); a form of several words has their sum. */
  addForm(form: string, word: string): void {
    const entry = this.words.get(word)
    if (!entry) return
    this.addVector(form, scaled(entry.vector, 1 / entry.mass), entry.idfSum, entry.mass)
    if (this.damped.has(word)) this.damped.add(form)
  }

  /** The words added so far. */
  knownWords(): Set<string> {
    return new Set(this.words.keys())
  }

  private addVector(word: string, vector: SparseVector, idfSum: number, mass: number): void {
    const existing = this.words.get(word)
    if (!existing) {
      this.words.set(word, { vector: scaled(vector, mass), idfSum, mass })
      return
    }
    for (const [key, value] of vector) addTo(existing.vector, key, value * mass)
    existing.idfSum += idfSum
    existing.mass += mass
  }

  /** Final vectors: top keys, unit length, scaled by the word's idf (stopwords damped). Sorted by word. */
  finish(): Map<string, SparseVector> {
    const result = new Map<string, SparseVector>()
    for (const word of [...this.words.keys()].sort()) {
      const { vector, idfSum, mass } = this.words.get(word)!
      const top = [...vector].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, this.options.keysPerWord)
      const norm = Math.sqrt(top.reduce((s, [, v]) => s + v * v, 0))
      let scale = idfSum / mass
      if (this.damped.has(word)) scale *= this.options.stopwordScale
      result.set(word, new Map(top.map(([k, v]) => [k, (v / norm) * scale])))
    }
    return result
  }
}

function scaled(vector: SparseVector, factor: number): SparseVector {
  return new Map([...vector].map(([k, v]) => [k, v * factor]))
}
