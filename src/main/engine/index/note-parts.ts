// A large note as the parts it is embedded and written in (ChunkStore.replaceFileInParts): from its chunks prepared whole
// (last part first) or from its segments as they stream in (in order, the part holding chunk 0 held back to the end).
import type { SkipReason } from '../../../shared/types'
import { memoryMark } from '../memory-trace'
import type { FilePart, NoteStep, PassageEmbedder, PreparedChunk } from './ports'

/** Chunks embedded per call at most: a note of 16,000 chunks is embedded in slices, not tokenized all at once. */
export const EMBED_SLICE = 1024

/** What making a note's parts needs: the part size, the embedder (null: keyword-only rows), and the indexer's hooks. */
export interface PartWriting {
  size: number
  embedder: PassageEmbedder | null
  /** True once the indexer closes: no more parts are made (the store then removes those written). */
  closed(): boolean
  /** Called after each part is committed (tests: a crash between parts). */
  afterPart(): void | Promise<void>
  /** Chunks embedded (the indexer counts them). */
  embedded(count: number): void
}

/** What the parts came to: the chunks of a note written in full, or why it is skipped (set before the failing part throws). */
export interface PartsOutcome {
  chunks: number
  skip: { reason: SkipReason; detail: string } | null
}

/** Fills the vectors of [from, to) that are missing, embedding their chunks EMBED_SLICE at a time; returns how many. */
export async function embedMissing(embedder: PassageEmbedder, chunks: readonly PreparedChunk[], vectors: (Float32Array | undefined)[], from: number, to: number): Promise<number> {
  const missing: number[] = []
  for (let i = from; i < to; i++) if (vectors[i] === undefined) missing.push(i)
  for (let start = 0; start < missing.length; start += EMBED_SLICE) {
    const slice = missing.slice(start, start + EMBED_SLICE)
    const computed = await embedder.embedChunks(slice.map((i) => chunks[i]!))
    slice.forEach((index, k) => (vectors[index] = computed[k]))
  }
  return missing.length
}

/** Embeds a part's missing vectors; an embedding failure is recorded as the note's skip before it is rethrown. */
async function embedPart(writing: PartWriting, outcome: PartsOutcome, chunks: readonly PreparedChunk[], vectors: (Float32Array | undefined)[], from: number, to: number, what: string): Promise<void> {
  if (!writing.embedder) return
  memoryMark(`embed ${to - from} chunks of ${what}`)
  try {
    writing.embedded(await embedMissing(writing.embedder, chunks, vectors, from, to))
  } catch (error) {
    outcome.skip = { reason: 'error', detail: `embedding failed: ${(error as Error).message}` }
    throw error
  }
}

/**
 * The parts of a note prepared whole, last part first, each embedded just before it is written and its vectors and token
 * ids dropped once it is.
 */
export async function* partsOfChunks(chunks: PreparedChunk[], vectors: (Float32Array | undefined)[], writing: PartWriting, outcome: PartsOutcome): AsyncGenerator<FilePart> {
  const size = writing.size
  for (let first = Math.floor((chunks.length - 1) / size) * size; first >= 0; first -= size) {
    if (writing.closed()) return // the store then removes the parts written; the next open indexes the note again
    const end = Math.min(first + size, chunks.length)
    await embedPart(writing, outcome, chunks, vectors, first, end, 'a large note')
    if (first === 0) outcome.chunks = chunks.length
    yield { first, chunks: chunks.slice(first, end), vectors: writing.embedder ? (vectors.slice(first, end) as Float32Array[]) : null }
    for (let i = first; i < end; i++) {
      vectors[i] = undefined
      delete chunks[i]!.tokenIds
    }
    await writing.afterPart()
  }
}

/**
 * The parts of a note streamed a segment at a time (its head already read): its chunks gathered into parts as the segments
 * come, each part embedded (stored vectors reused by embed key) and yielded, except the first, which is held back and
 * yielded last: until it is committed the note's rows lack chunk 0 (or mix two versions) and read as damaged, so a crash
 * between parts is repaired at the next open. A segment that fails records the note's skip (its reason) and throws.
 */
export async function* partsOfStream(steps: AsyncIterable<NoteStep>, reuse: ReadonlyMap<string, Float32Array>, writing: PartWriting, outcome: PartsOutcome): AsyncGenerator<FilePart> {
  let head: FilePart | null = null
  let buffered: PreparedChunk[] = []
  let next = 0
  async function* part(count: number): AsyncGenerator<FilePart> {
    const chunks = buffered.slice(0, count)
    buffered = buffered.slice(count)
    const vectors = chunks.map((chunk) => reuse.get(chunk.embedKey))
    await embedPart(writing, outcome, chunks, vectors, 0, chunks.length, 'a streamed note')
    for (const chunk of chunks) delete chunk.tokenIds
    const written: FilePart = { first: next, chunks, vectors: writing.embedder ? (vectors as Float32Array[]) : null }
    next += chunks.length
    if (written.first === 0) head = written
    else {
      yield written
      await writing.afterPart()
    }
  }
  for await (const step of steps) {
    if (writing.closed()) return // the store then removes the parts written; the next open indexes the note again
    if (step.kind === 'failed') {
      outcome.skip = { reason: step.reason, detail: step.detail }
      throw new Error(step.detail)
    }
    if (step.kind !== 'chunks') continue
    for (const chunk of step.chunks) buffered.push(chunk)
    while (buffered.length >= writing.size) yield* part(writing.size)
  }
  if (writing.closed()) return
  if (buffered.length > 0) yield* part(buffered.length)
  if (!head) {
    outcome.skip = { reason: 'error', detail: 'could not be read as a note: no passages came' }
    throw new Error(outcome.skip.detail)
  }
  outcome.chunks = next
  yield head
  await writing.afterPart()
}
