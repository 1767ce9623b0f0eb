// Word-segmenter tokenizer for static-embedding packs: Intl.Segmenter words -> vocabulary ids, with suffix, elision, Arabic-prefix, compound, CJK-character, Korean-stem and hashed fallbacks.
import { readFile } from 'node:fs/promises'
import { SemnoteError } from '../../../shared/errors'
import { isArabic, readWithoutArabicPrefix } from '../lexicon/arabic-prefix'
import { withoutElision } from '../lexicon/elision'
import { greekRulesWithoutAccents, isGreek, readWithMovedAccent } from '../lexicon/greek-accent'
import { isKorean, readKoreanStem } from '../lexicon/korean-stem'
import { withoutReflexivePostfix } from '../lexicon/reflexive-postfix'
import type { ModelPack } from './pack'
import { SpannedTokens, type DocumentTokens } from './document-tokens'
import { RecentCache } from './recent-cache'
import type { TextTokenizer, TokenizerSpec } from './tokenizer'
import { Vocabulary, type VocabularyBuffers } from './vocabulary'
import { forEachWordRun, isCutSafe } from './word-runs'

/** Everything the tokenizer needs, as read from a pack (see `createWordTokenizer`). */
export interface WordTokenizerData {
  /** Word -> id. */
  vocabulary: Vocabulary
  /** Suffix rewrites tried in order for unknown words: [suffix, replacement]. */
  suffixRules?: readonly (readonly [string, string])[]
  lowercase: boolean
  unknownId: number
  padId: number
  /** Unknown words hash (FNV-1a 32 of UTF-8) into `count` ids starting at `offset`; without it they map to unknownId. */
  hashBuckets?: { offset: number; count: number }
  /** Split unknown CJK words into known single characters. */
  cjkCharacters?: boolean
  /** Split unknown long words into two known parts (German-style compounds). */
  compounds?: boolean
  /** Read an unknown Korean word as its longest known beginning (학교에서 -> 학교): particles and endings follow the stem. */
  koreanStems?: boolean
  /** Read an unknown Arabic word without its attached article or conjunction (والكتاب -> كتاب). */
  arabicPrefixes?: boolean
  /** Read an unknown Greek word with its accent moved (ανθρώπου -> άνθρωπος) or restored (capitals: ΣΥΣΤΗΜΑ -> σύστημα). */
  greekAccents?: boolean
  /** Read an unknown Russian or Ukrainian word without its reflexive ending -ся / -сь, then as the suffix rules say (используется -> использует -> использовать). */
  reflexivePostfix?: boolean
  /** Read an unknown French or Italian word without the word elided onto it (l'option -> option, dell'utente -> utente). */
  elisions?: boolean
}

/** A WordTokenizer as it crosses to a worker thread: its settings, and its vocabulary's shared arrays (not copied). */
export interface WordTokenizerSpec extends Omit<WordTokenizerData, 'vocabulary'> {
  vocabulary: VocabularyBuffers
}

/**
 * Creates the tokenizer of a verified pack whose manifest declares tokenizer type 'word-segmenter'.
 * @throws SemnoteError MODEL_INVALID when the vocabulary or rules file cannot be used.
 */
export async function createWordTokenizer(pack: ModelPack): Promise<WordTokenizer> {
  const spec = pack.manifest.tokenizer
  if (spec.type !== 'word-segmenter') throw new SemnoteError('MODEL_INVALID', `Model pack ${pack.dir} does not use the word-segmenter tokenizer.`)
  const vocabulary = Vocabulary.fromLines(await readFile(pack.file(spec.vocab), 'utf8'))
  const suffixRules = spec.suffixRules
    ? (await readFile(pack.file(spec.suffixRules), 'utf8'))
        .split('\n')
        .filter((line) => line.includes('\t'))
        .map((line) => line.split('\t', 2) as [string, string])
    : []
  for (const id of [spec.padId, spec.unknownId]) {
    if (id >= vocabulary.size) {
      throw new SemnoteError('MODEL_INVALID', `Vocabulary ${pack.file(spec.vocab)} has ${vocabulary.size} words; id ${id} is out of range. Fix: use the vocabulary exported with this pack.`)
    }
  }
  return new WordTokenizer({ ...spec, vocabulary, suffixRules })
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u
/** Scripts written without spaces, whose words Intl.Segmenter finds with its dictionaries. */
const NEEDS_DICTIONARY_SEGMENTATION = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const utf8 = new TextEncoder()
const MAX_WORD_LENGTH = 48
const MIN_STEM_LENGTH = 3
const MIN_COMPOUND_PART = 4
/** Distinct runs whose ids are kept, and the longest run kept (so the cache stays within a few MB); it starts over when full. */
const MAX_CACHED_RUNS = 32_768
const MAX_CACHED_RUN_LENGTH = 128
/**
 * Where text is cut into pieces tokenized (and memoized) on their own: at a line break, and at a space after . ! or ?
 * (sentence ends). Exact: neither character is inside a word run, changes under NFKC or composes with a neighbour, and
 * neither is cased or case-ignorable (so lower-casing, e.g. Greek final sigma, sees the same context on both sides).
 */
const PIECE_BREAK = /\n|(?<=[.!?]) /
/** Key characters the piece memo holds at most (a few MB with the ids), and the longest piece it keeps. */
const MAX_CACHED_PIECE_CHARS = 4_000_000
const MAX_CACHED_PIECE_LENGTH = 4096

/** FNV-1a 32-bit hash of a string's UTF-8 bytes (the build script uses the same function). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193)
  return hash >>> 0
}

/** Maps text to ids of a word vocabulary; deterministic and locale-independent. */
export class WordTokenizer implements TextTokenizer {
  private readonly segmenter = new Intl.Segmenter('und', { granularity: 'word' })
  private readonly suffixRules: (readonly [string, string])[]
  /** The suffix rules of Greek words, without accents (for greekAccents). */
  private readonly greekRules: (readonly [string, string])[]
  /** run -> ids (see `runIds`); cleared when full. */
  private readonly runCache = new Map<string, readonly number[]>()
  /** piece of text -> ids (see `pieceIds`). */
  private readonly pieceCache = new RecentCache<readonly number[]>(MAX_CACHED_PIECE_CHARS)

  constructor(private readonly data: WordTokenizerData) {
    this.suffixRules = [...(data.suffixRules ?? [])]
    this.greekRules = data.greekAccents ? greekRulesWithoutAccents(this.suffixRules) : []
  }

  /** How to make this tokenizer in another thread (tokenizerFromSpec), sharing this one's vocabulary. */
  get spec(): TokenizerSpec {
    return { type: 'word-segmenter', spec: { ...this.data, vocabulary: this.data.vocabulary.shared } }
  }

  /** The tokenizer data of a spec made by `spec` (in any thread). */
  static dataOf(spec: WordTokenizerSpec): WordTokenizerData {
    return { ...spec, vocabulary: Vocabulary.fromShared(spec.vocabulary) }
  }

  /** Largest id `encode` can return (the last hash bucket, or the last vocabulary word). */
  get maxId(): number {
    const hashEnd = this.data.hashBuckets ? this.data.hashBuckets.offset + this.data.hashBuckets.count : 0
    return Math.max(this.data.vocabulary.size, hashEnd) - 1
  }

  get padId(): number {
    return this.data.padId
  }

  /**
   * The words of `text` (NFKC, lower-cased when the pack says so): letter/digit runs (joined by ' . : , inside),
   * and within runs of scripts written without spaces (Han, kana, Thai...), the words Intl.Segmenter finds.
   */
  words(text: string): string[] {
    const words: string[] = []
    const normalized = this.normalize(text)
    forEachWordRun(normalized, (start, end) => {
      for (const word of this.runWords(normalized.slice(start, end))) words.push(word)
    })
    return words
  }

  /** Token ids for `text`, at most `maxTokens` of them. */
  encode(text: string, maxTokens = Number.POSITIVE_INFINITY): number[] {
    const ids: number[] = []
    for (const piece of text.split(PIECE_BREAK)) {
      for (const id of this.pieceIds(piece)) {
        if (ids.length >= maxTokens) return ids
        ids.push(id)
      }
    }
    return ids
  }

  /** Number of ids `encode` would produce without a limit. */
  count(text: string): number {
    let count = 0
    for (const piece of text.split(PIECE_BREAK)) count += this.pieceIds(piece).length
    return count
  }

  /**
   * The ids of one piece of text (see PIECE_BREAK), memoized: the chunker counts a sentence, then the chunk that holds
   * it, and the embedder encodes that chunk again, so most pieces are seen two or three times.
   */
  private pieceIds(piece: string): readonly number[] {
    if (piece.length === 0) return []
    const cached = this.pieceCache.get(piece)
    if (cached !== undefined) return cached
    const ids: number[] = []
    const normalized = this.normalize(piece)
    forEachWordRun(normalized, (start, end) => {
      for (const id of this.runIds(normalized.slice(start, end))) ids.push(id)
    })
    if (piece.length <= MAX_CACHED_PIECE_LENGTH) this.pieceCache.set(piece, ids)
    return ids
  }

  /**
   * Tokenizes `text` once, so that the ids of any range of it are found by offsets (see DocumentTokens): the same ids as
   * `encode(text.slice(start, end))`. Text that NFKC and lower-casing leave in place (nearly all) is scanned whole, its
   * runs keeping their offsets; any other line is tokenized in stretches between cut-safe characters.
   */
  tokenizeDocument(text: string): DocumentTokens {
    const tokens = new SpannedTokens(text, (slice) => this.encode(slice))
    const lowered = this.inPlaceNormalized(text)
    if (lowered !== undefined) {
      this.addRuns(tokens, lowered, 0)
      return tokens
    }
    for (let lineStart = 0; lineStart <= text.length; ) {
      const nextBreak = text.indexOf('\n', lineStart)
      const lineEnd = nextBreak === -1 ? text.length : nextBreak
      const line = text.slice(lineStart, lineEnd)
      const lineLowered = this.inPlaceNormalized(line)
      if (lineLowered !== undefined) this.addRuns(tokens, lineLowered, lineStart)
      else this.addStretches(tokens, line, lineStart)
      lineStart = lineEnd + 1
    }
    return tokens
  }

  /** `normalize(text)` when it keeps every character at its offset, else undefined. */
  private inPlaceNormalized(text: string): string | undefined {
    if (text.normalize('NFKC') !== text) return undefined
    if (!this.data.lowercase) return text
    // Lower-casing changes a length only for U+0130 (İ -> i + combining dot); otherwise it maps character for character.
    const lowered = text.toLowerCase()
    return lowered.length === text.length ? lowered : undefined
  }

  /**
   * Adds a span per word run of `normalized` (which sits at `offset` of the document). A run that needs no dictionary
   * segmentation and is a vocabulary word is that word's id (as runIds would say), found without making its string.
   */
  private addRuns(tokens: SpannedTokens, normalized: string, offset: number): void {
    const { vocabulary } = this.data
    forEachWordRun(normalized, (start, end, segmented) => {
      const id = segmented ? undefined : vocabulary.getRange(normalized, start, end)
      if (id !== undefined) tokens.addOne(offset + start, id)
      else tokens.add(offset + start, this.runIds(normalized.slice(start, end)))
    })
  }

  /** Adds a span per stretch of `line` between cut-safe characters, tokenized on its own. */
  private addStretches(tokens: SpannedTokens, line: string, offset: number): void {
    for (let start = 0; start < line.length; ) {
      if (isCutSafe(line.charCodeAt(start))) {
        start++
        continue
      }
      let end = start + 1
      while (end < line.length && !isCutSafe(line.charCodeAt(end))) end++
      tokens.add(offset + start, this.encode(line.slice(start, end)))
      start = end
    }
  }

  private normalize(text: string): string {
    const normalized = text.normalize('NFKC')
    return this.data.lowercase ? normalized.toLowerCase() : normalized
  }

  /** The words of one run: the run itself, or its dictionary segmentation in scripts written without spaces. */
  private runWords(run: string): string[] {
    if (!NEEDS_DICTIONARY_SEGMENTATION.test(run)) return [run]
    const words: string[] = []
    for (const segment of this.segmenter.segment(run)) {
      if (segment.isWordLike) words.push(segment.segment)
    }
    return words
  }

  /**
   * The ids of one run, memoized: runs repeat a lot (common words, and the chunker counts overlapping pieces of the
   * same text before the chunk is embedded), while segmenting and the unknown-word fallbacks are the costly part.
   */
  private runIds(run: string): readonly number[] {
    const cached = this.runCache.get(run)
    if (cached !== undefined) return cached
    const words = this.runWords(run)
    const ids = words.length === 1 ? this.wordIds(words[0]!) : words.flatMap((word) => this.wordIds(word))
    if (run.length <= MAX_CACHED_RUN_LENGTH) {
      if (this.runCache.size >= MAX_CACHED_RUNS) this.runCache.clear()
      this.runCache.set(run, ids)
    }
    return ids
  }

  /** The ids one segmented word maps to (usually one). */
  wordIds(word: string): number[] {
    const direct = this.lookup(word)
    if (direct !== undefined) return [direct]
    if (word.length > MAX_WORD_LENGTH) return [this.unknown(word)]
    if (this.data.elisions) {
      const rest = withoutElision(word)
      if (rest !== undefined) return this.wordIds(rest)
    }
    if (CJK.test(word)) {
      if (this.data.cjkCharacters) {
        const chars = [...word].map((ch) => this.lookup(ch)).filter((id): id is number => id !== undefined)
        if (chars.length > 0) return chars
      }
      return [this.unknown(word)]
    }
    if (this.data.koreanStems && isKorean(word)) {
      return [readKoreanStem(word, (stem) => this.lookup(stem)) ?? this.unknown(word)]
    }
    const stemmed = this.stem(word)
    if (stemmed !== undefined) return [stemmed]
    if (this.data.greekAccents && isGreek(word)) {
      const moved = readWithMovedAccent(word, this.greekRules, MIN_STEM_LENGTH, (form) => this.lookup(form))
      if (moved !== undefined) return [moved]
    }
    if (this.data.reflexivePostfix) {
      const base = withoutReflexivePostfix(word)
      const id = base === undefined ? undefined : (this.lookup(base) ?? this.stem(base))
      if (id !== undefined) return [id]
    }
    if (this.data.arabicPrefixes && isArabic(word)) {
      const rest = readWithoutArabicPrefix(word, (w) => this.lookup(w) ?? this.stem(w))
      if (rest !== undefined) return [rest]
    }
    if (this.data.compounds) {
      const parts = this.splitCompound(word)
      if (parts) return parts
    }
    return [this.unknown(word)]
  }

  private lookup(word: string): number | undefined {
    return this.data.vocabulary.get(word)
  }

  private stem(word: string): number | undefined {
    for (const [suffix, replacement] of this.suffixRules) {
      if (word.length - suffix.length < MIN_STEM_LENGTH || !word.endsWith(suffix)) continue
      const id = this.lookup(word.slice(0, word.length - suffix.length) + replacement)
      if (id !== undefined) return id
    }
    return undefined
  }

  private splitCompound(word: string): number[] | undefined {
    for (let cut = word.length - MIN_COMPOUND_PART; cut >= MIN_COMPOUND_PART; cut--) {
      const head = word.slice(0, cut)
      const tail = word.slice(cut)
      const tailId = this.lookup(tail) ?? this.stem(tail)
      if (tailId === undefined) continue
      const headId = this.lookup(head) ?? (head.endsWith('s') ? this.lookup(head.slice(0, -1)) : undefined) ?? this.stem(head)
      if (headId !== undefined) return [headId, tailId]
    }
    return undefined
  }

  private unknown(word: string): number {
    const buckets = this.data.hashBuckets
    return buckets ? buckets.offset + (fnv1a32(word) % buckets.count) : this.data.unknownId
  }
}
