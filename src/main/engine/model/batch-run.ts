// One onnxruntime run of a batch of token-id rows: the feeds the graph declares, then pooled (and normalized) vectors.
import { Tensor, type InferenceSession } from 'onnxruntime-node'
import { SemnoteError } from '../../../shared/errors'

/** Inputs an encoder graph may declare; Semnote feeds exactly those it declares. */
export const SUPPORTED_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'] as const
export type SupportedInput = (typeof SUPPORTED_INPUTS)[number]

/** How to read a pack's graph output (from its manifest). */
export interface OutputSpec {
  modelId: string
  output: string
  pooling: 'mean' | 'cls' | 'none'
  normalize: boolean
  dimension: number
}

/** A batch as it crosses to the model's thread: every row's ids one after another, and each row's length. */
export interface PackedRows {
  ids: Int32Array
  lengths: Int32Array
}

/** Packs rows of ids into two arrays (cheap to hand to another thread). */
export function packRows(rows: readonly (readonly number[] | Int32Array)[]): PackedRows {
  const lengths = Int32Array.from(rows, (row) => row.length)
  const ids = new Int32Array(lengths.reduce((sum, length) => sum + length, 0))
  let at = 0
  for (const row of rows) {
    ids.set(row, at)
    at += row.length
  }
  return { ids, lengths }
}

/** Right-padded int64 feeds for exactly the inputs the graph declares (token_type_ids all zero). */
export function feedsOf(rows: PackedRows, inputs: readonly string[], padId: number): InferenceSession.FeedsType {
  const batchSize = rows.lengths.length
  let width = 1
  for (const length of rows.lengths) width = Math.max(width, length)
  const inputIds = new BigInt64Array(batchSize * width).fill(BigInt(padId))
  const attentionMask = new BigInt64Array(batchSize * width)
  for (let row = 0, at = 0; row < batchSize; at += rows.lengths[row]!, row++) {
    for (let t = 0; t < rows.lengths[row]!; t++) {
      inputIds[row * width + t] = BigInt(rows.ids[at + t]!)
      attentionMask[row * width + t] = 1n
    }
  }
  const dims = [batchSize, width]
  const available: Record<SupportedInput, () => Tensor> = {
    input_ids: () => new Tensor('int64', inputIds, dims),
    attention_mask: () => new Tensor('int64', attentionMask, dims),
    token_type_ids: () => new Tensor('int64', new BigInt64Array(batchSize * width), dims)
  }
  return Object.fromEntries(inputs.map((name) => [name, available[name as SupportedInput]()]))
}

/** Scales `vector` to unit length in place (zero vectors stay zero). */
function normalizeInPlace(vector: Float32Array): void {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!
  const norm = Math.sqrt(sum)
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm
}

/**
 * The batch's vectors, one after another (rows x dimension): the graph output pooled per row as the manifest says.
 * @throws SemnoteError MODEL_INVALID when the output's shape does not match the manifest.
 */
export function pooledVectors(data: Float32Array, dims: readonly number[], lengths: Int32Array, spec: OutputSpec): Float32Array {
  const { dimension } = spec
  const batchSize = lengths.length
  const pooled = spec.pooling === 'none'
  const expected = pooled ? [batchSize, dimension] : [batchSize, dims[1], dimension]
  if (dims.length !== expected.length || dims.some((d, i) => d !== expected[i])) {
    throw new SemnoteError(
      'MODEL_INVALID',
      `Model ${spec.modelId} output ${spec.output} has shape [${dims.join(', ')}], expected [${expected.join(', ')}] from the manifest (pooling '${spec.pooling}', dimension ${dimension}).`
    )
  }
  const width = pooled ? 1 : dims[1]!
  const vectors = new Float32Array(batchSize * dimension)
  for (let row = 0; row < batchSize; row++) {
    const vector = vectors.subarray(row * dimension, (row + 1) * dimension)
    const rowStart = row * width * dimension
    if (spec.pooling === 'mean') {
      const length = lengths[row]!
      for (let t = 0; t < length; t++) {
        const offset = rowStart + t * dimension
        for (let d = 0; d < dimension; d++) vector[d]! += data[offset + d]!
      }
      const count = Math.max(1, length)
      for (let d = 0; d < dimension; d++) vector[d]! /= count
    } else {
      vector.set(data.subarray(rowStart, rowStart + dimension))
    }
    if (spec.normalize) normalizeInPlace(vector)
  }
  return vectors
}
