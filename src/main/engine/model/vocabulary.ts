// A word -> id table held in typed arrays, outside the garbage-collected heap: for the lite pack's ~1M words. The arrays sit in
// shared memory, so worker threads read the same table without a copy.

/** The three arrays of a Vocabulary (on SharedArrayBuffers: they can be handed to worker threads as they are). */
export interface VocabularyBuffers {
  /** UTF-16 code units of every word, one after another. */
  chars: Uint16Array
  /** Word id -> start in `chars`; one more entry than words (the end of the last). */
  starts: Uint32Array
  /** Open-addressing hash table: [hash, id] pairs, id -1 for an empty slot; a power-of-two number of slots. */
  slots: Int32Array
}

/**
 * Most words per slot. The lite pack's 1.38M words fit 2^21 slots (load 0.66, 17 MB); at most 0.6 they took 2^22
 * (34 MB) and tokenized about 2% faster (the dev corpora in 506-560 against 526-570 ms of CPU, best of 5, five
 * alternating runs on a shared machine; with 1.09M words, loads 0.52 and 0.26 read 532-549 and 521-543 ms).
 */
const MAX_LOAD = 0.7
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/** FNV-1a over the UTF-16 code units of `text`. */
function hashOf(text: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
  return hash | 0
}

/**
 * Looks words up by exact match, like a Map<string, number> where the first of duplicate words keeps its id. A Map of
 * the lite pack's 938k words took ~1 s to build and ~100 MB of heap that every major GC walks; this takes ~35 MB off the
 * heap and builds in half the time, with lookups as fast.
 */
export class Vocabulary {
  private readonly mask: number

  private constructor(private readonly buffers: VocabularyBuffers) {
    this.mask = buffers.slots.length / 2 - 1
  }

  /** The vocabulary over arrays another thread built (see `shared`); nothing is copied. */
  static fromShared(buffers: VocabularyBuffers): Vocabulary {
    return new Vocabulary(buffers)
  }

  /** The arrays to hand to another thread (read-only there, like here). */
  get shared(): VocabularyBuffers {
    return this.buffers
  }

  /** The vocabulary of a text with one word per line (a final empty line is not a word). */
  static fromLines(text: string): Vocabulary {
    const ends: number[] = []
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends.push(at)
    if (ends.length === 0 || ends[ends.length - 1] !== text.length - 1) ends.push(text.length)
    if (text.length === 0) ends.length = 0
    const chars = new Uint16Array(new SharedArrayBuffer((text.length - ends.length + 1) * 2))
    const starts = new Uint32Array(new SharedArrayBuffer((ends.length + 1) * 4))
    let from = 0
    let length = 0
    ends.forEach((end, id) => {
      starts[id] = length
      for (let i = from; i < end; i++) chars[length++] = text.charCodeAt(i)
      from = end + 1
    })
    starts[ends.length] = length
    return Vocabulary.indexed(chars, starts, ends.length)
  }

  /** The vocabulary of these words (id = index). */
  static fromWords(words: readonly string[]): Vocabulary {
    return Vocabulary.fromLines(words.map((word) => `${word}\n`).join(''))
  }

  private static indexed(chars: Uint16Array, starts: Uint32Array, count: number): Vocabulary {
    let slotCount = 2
    while (slotCount * MAX_LOAD < count) slotCount *= 2
    const slots = new Int32Array(new SharedArrayBuffer(slotCount * 2 * 4)).fill(-1)
    const vocabulary = new Vocabulary({ chars, starts, slots })
    for (let id = 0; id < count; id++) vocabulary.insert(id)
    return vocabulary
  }

  /** Number of words (ids 0 .. size - 1), duplicates included. */
  get size(): number {
    return this.buffers.starts.length - 1
  }

  /** The id of `word`, or undefined when it is not in the vocabulary. */
  get(word: string): number | undefined {
    const { slots } = this.buffers
    const hash = hashOf(word)
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[slot * 2 + 1]!
      if (id < 0) return undefined
      if (slots[slot * 2] === hash && this.wordIs(id, word)) return id
    }
  }

  /** The id of `text.slice(start, end)` (found without making that string), or undefined. */
  getRange(text: string, start: number, end: number): number | undefined {
    const { slots, chars, starts } = this.buffers
    let hash = FNV_OFFSET
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME)
    hash |= 0
    const length = end - start
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = slots[slot * 2 + 1]!
      if (id < 0) return undefined
      if (slots[slot * 2] !== hash) continue
      const wordStart = starts[id]!
      if (starts[id + 1]! - wordStart !== length) continue
      let same = true
      for (let i = 0; i < length && same; i++) same = chars[wordStart + i] === text.charCodeAt(start + i)
      if (same) return id
    }
  }

  private wordIs(id: number, word: string): boolean {
    const { chars, starts } = this.buffers
    const start = starts[id]!
    if (starts[id + 1]! - start !== word.length) return false
    for (let i = 0; i < word.length; i++) if (chars[start + i] !== word.charCodeAt(i)) return false
    return true
  }

  /** Adds word `id` unless an equal word is already in (the first one keeps its id). */
  private insert(id: number): void {
    const { chars, starts, slots } = this.buffers
    let hash = FNV_OFFSET
    for (let i = starts[id]!; i < starts[id + 1]!; i++) hash = Math.imul(hash ^ chars[i]!, FNV_PRIME)
    hash |= 0
    const length = starts[id + 1]! - starts[id]!
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const other = slots[slot * 2 + 1]!
      if (other < 0) {
        slots[slot * 2] = hash
        slots[slot * 2 + 1] = id
        return
      }
      if (slots[slot * 2] === hash && starts[other + 1]! - starts[other]! === length && this.sameWords(id, other, length)) return
    }
  }

  private sameWords(a: number, b: number, length: number): boolean {
    const { chars, starts } = this.buffers
    for (let i = 0; i < length; i++) if (chars[starts[a]! + i] !== chars[starts[b]! + i]) return false
    return true
  }
}
