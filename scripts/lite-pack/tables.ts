// Lays word vectors out as the lite pack's tensors: for every token id, K (output dimension, signed weight) pairs (feature hashing).
import { fnv1a32 } from '../../src/main/engine/model/word-tokenizer'
import type { SparseVector } from './lexicon'

export const PAD_TOKEN = '[pad]'
export const UNKNOWN_TOKEN = '[unk]'

/** Shapes of the tables. */
export interface TableOptions {
  /** Hash buckets for unknown words (ids after the vocabulary). */
  buckets: number
  /** Output dimension: every key hashes to one dimension with a sign. */
  dimension: number
  /** Keys stored per word. */
  keysPerWord: number
  /** Weight of an unknown (hashed) word. */
  unknownWeight: number
  /** Each summed dimension x becomes sign(x) * |x|^power before normalizing: repeated words count sublinearly. */
  power: number
}

/** The tensors of a lite pack. Row r of `dims`/`values` belongs to token id r. */
export interface PackTables {
  vocab: string[]
  rows: number
  /** [rows, K] output dimension of each slot. */
  dims: Int32Array
  /** [rows, K] quantized signed weights: real weight = value * weightScale (0 = empty slot). */
  values: Int8Array
  weightScale: number
  options: TableOptions
}

/** The output dimension and sign a key hashes to; unknown words use the same function on their own text. */
export function keySlot(key: string, dimension: number): { dim: number; sign: number } {
  const hash = fnv1a32(key)
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> 0
  return { dim: mixed % dimension, sign: (mixed >>> 31) === 1 ? -1 : 1 }
}

/** Builds the tables from sorted word vectors; deterministic for the same input. */
export function buildTables(words: ReadonlyMap<string, SparseVector>, options: TableOptions): PackTables {
  const vocab = [PAD_TOKEN, UNKNOWN_TOKEN, ...words.keys()]
  const k = options.keysPerWord
  const rows = vocab.length + options.buckets
  const dims = new Int32Array(rows * k)
  const real = new Float32Array(rows * k)
  const place = (row: number, slots: Map<number, number>): void => {
    let slot = 0
    for (const [dim, weight] of slots) {
      if (slot >= k) break
      dims[row * k + slot] = dim
      real[row * k + slot] = weight
      slot++
    }
  }
  let row = 2
  for (const vector of words.values()) {
    const slots = new Map<number, number>()
    for (const [key, weight] of vector) {
      const { dim, sign } = keySlot(key, options.dimension)
      slots.set(dim, (slots.get(dim) ?? 0) + sign * weight)
    }
    place(row++, slots)
  }
  // Unknown words hash into buckets; bucket b stands for every word w with fnv1a32(w) % buckets == b. Its slot is that
  // of a representative key, so identical unknown words in two texts still meet in one dimension.
  for (let bucket = 0; bucket < options.buckets; bucket++) {
    const { dim, sign } = keySlot(`#${bucket}`, options.dimension)
    place(vocab.length + bucket, new Map([[dim, sign * options.unknownWeight]]))
  }
  let max = 0
  for (const w of real) max = Math.max(max, Math.abs(w))
  const weightScale = max / 127
  const values = new Int8Array(real.length)
  for (let i = 0; i < real.length; i++) values[i] = Math.round(real[i]! / weightScale)
  return { vocab, rows, dims, values, weightScale, options }
}

/** Embeds token id sequences exactly as the ONNX graph does (for tests and quick evaluation without onnxruntime). */
export function embedIds(tables: PackTables, ids: readonly number[]): Float32Array {
  const { dimension, keysPerWord: k } = tables.options
  const out = new Float32Array(dimension)
  for (const id of ids) {
    for (let slot = 0; slot < k; slot++) out[tables.dims[id * k + slot]!]! += tables.values[id * k + slot]! * tables.weightScale
  }
  for (let j = 0; j < dimension; j++) out[j] = Math.sign(out[j]!) * Math.abs(out[j]!) ** tables.options.power
  let norm = 0
  for (const v of out) norm += v * v
  norm = Math.max(Math.sqrt(norm), 1e-12)
  for (let j = 0; j < dimension; j++) out[j]! /= norm
  return out
}
