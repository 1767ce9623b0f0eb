// Entry of a prepare worker thread (see PreparePool): extract + chunk + tokenize one note per message, with the pack's
// tokenizer made from a spec (the lite vocabulary is shared memory, not a copy).
import { parentPort, workerData } from 'node:worker_threads'
import { extractDocument } from '../extract/documents'
import { DOCUMENT_EXTENSIONS, type DocumentLimits } from '../extract/documents/limits'
import { registerExtractor } from '../extract/registry'
import type { ExtractorOutcome } from '../extract/types'
import type { NoteStep, PreparedChunk, PreparedNote } from '../index/ports'
import { unreadable } from '../index/unreadable'
import { PassageEncoder, type PassageEncoderSpec } from '../model/passage-encoder'
import { createPrepare } from './pipeline'
import { prepareInSegments, type NoteBytes, type SegmentOptions } from './segmented-prepare'
import { lowerThreadPriority, SearchPause, type PauseOptions } from '../search-pause'
import { SEARCH_BURST_LINGER_MS, type SharedSearchSignal } from '../search-signal'

/** What a worker is started with. */
export interface PrepareSpec {
  /** Chunk budget in tokens. */
  budget: number
  /** The model's passage encoder; without it token counts are estimated (keyword-only index). */
  encoder?: PassageEncoderSpec
  /** What the document extractors stop at (pages, characters, unpacked sizes). */
  documents: DocumentLimits
  /** Which notes the pool streams, a segment at a time (default DEFAULT_SEGMENT_OPTIONS). */
  segments?: SegmentOptions
  /** The engine's searches, which each note and step waits for (set by the pool; see search-signal.ts). */
  searches?: SharedSearchSignal
}

export interface PrepareRequest {
  id: number
  path: string
  bytes: Uint8Array
  /** Prepare the note a segment of about this many characters at a time: a step per PrepareControl `pull` (the head unasked). */
  segmentChars?: number
}

/** For the streamed note `id`: the next step, or stop (answered with a last step null). */
export type PrepareControl = { id: number; pull: true } | { id: number; cancel: true }

/** One step of a streamed note; null: it is done (read to its end, or stopped). A step null or `failed` is its last. */
export interface PrepareStepReply {
  id: number
  step: NoteStep | null
  cpuMicros: number
}

/** The worker's first message: it can take notes now (the pool starts timing them from here). */
export interface PrepareReady {
  ready: true
  /** CPU time this thread used so far, µs (a note's time limit counts this thread's CPU time from here). */
  cpuMicros: number
}

export interface PrepareReply {
  id: number
  note: PreparedNote
  /** CPU time this thread used so far, µs (for the bench's split of indexing CPU by thread). */
  cpuMicros: number
}

/** The buffers of the chunks' token ids, handed back without a copy. */
function transferablesOf(chunks: readonly PreparedChunk[]): ArrayBuffer[] {
  return chunks.flatMap((chunk) => (chunk.tokenIds ? [chunk.tokenIds.buffer as ArrayBuffer] : []))
}

const spec = workerData as PrepareSpec

/** A document's text, as the document worker reads it (a file nested past the stack is past a limit, as there). */
async function readDocument(ext: string, bytes: Uint8Array): Promise<ExtractorOutcome> {
  try {
    // pdf.js refuses a Buffer: the same bytes as a plain Uint8Array.
    return await extractDocument(ext, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), spec.documents)
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) return { ok: false, reason: 'limit', detail: 'nested too deeply to read' }
    throw error
  }
}
// PDF, Word, EPUB and OpenDocument are read right here: this worker already has the time and memory limits that the
// document worker gives them on the engine's side (see PreparePool), so no second worker is needed.
registerExtractor({ name: 'document', extensions: DOCUMENT_EXTENSIONS, extract: (input) => readDocument(input.ext, input.bytes) })
const encoder = (async () => (spec.encoder ? await PassageEncoder.fromSpec(spec.encoder) : undefined))()
const ready = encoder.then((passages) => createPrepare(spec.budget, passages))
void ready.then(() => parentPort?.postMessage({ ready: true, cpuMicros: threadCpuMicros() } satisfies PrepareReady))

/**
 * Indexing is background work: a note or a streamed note's step starts only while no search runs and none ended in the
 * last SEARCH_BURST_LINGER_MS (held a second at most, then a tenth of a second of work, so a stream of searches slows
 * indexing but cannot stall it).
 */
const SEARCH_PAUSE: PauseOptions = { lingerMs: SEARCH_BURST_LINGER_MS, maxPauseMs: 1000, workAfterHoldMs: 100 }
const searches = spec.searches ? new SearchPause(spec.searches) : null
// Below searches and the user's programs, above the map's worker (19): indexing is what makes new notes findable.
lowerThreadPriority(10)

/** CPU time this thread used so far, µs. */
function threadCpuMicros(): number {
  const cpu = process.threadCpuUsage()
  return cpu.user + cpu.system
}

/** Prepares one note and answers; notes are prepared one after another, in the order they came (the pool times the first). */
async function answer({ id, path, bytes }: PrepareRequest): Promise<void> {
  let note: PreparedNote
  try {
    const prepare = await ready
    searches?.pause(SEARCH_PAUSE)
    note = await prepare(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch (error) {
    note = { ok: false, ...unreadable(error) }
  }
  const reply: PrepareReply = { id, note, cpuMicros: threadCpuMicros() }
  parentPort!.postMessage(reply, note.ok ? transferablesOf(note.chunks) : [])
}

/** The streamed note being prepared: its steps, and what ends its turn (the next note waits for it). */
let streaming: { id: number; steps: Generator<NoteStep>; done: () => void } | null = null
/** Streamed notes stopped before their turn came. */
const cancelled = new Set<number>()

/**
 * Starts a streamed note: sends its head, then a step per pull; resolves when it is done or stopped. Its bytes come in a
 * holder that its first step empties, so they are not kept (by this frame either) while its segments are prepared.
 */
async function stream(id: number, path: string, note: NoteBytes, segmentChars: number): Promise<void> {
  if (cancelled.delete(id)) return sendStep(id, null)
  let passages: PassageEncoder | undefined
  try {
    passages = await encoder
  } catch (error) {
    return sendStep(id, { kind: 'failed', ...unreadable(error) })
  }
  const steps = prepareInSegments(path, note, spec.budget, passages, segmentChars)
  await new Promise<void>((done) => {
    streaming = { id, steps, done }
    nextStep()
  })
}

/** Works out the streamed note's next step and sends it; its last one ends its turn. */
function nextStep(): void {
  const current = streaming
  if (!current) return
  let step: NoteStep | null
  try {
    searches?.pause(SEARCH_PAUSE)
    const next = current.steps.next()
    step = next.done ? null : next.value
  } catch (error) {
    step = { kind: 'failed', ...unreadable(error) }
  }
  if (step === null || step.kind === 'failed') endStream(current)
  sendStep(current.id, step)
}

function endStream(current: NonNullable<typeof streaming>): void {
  streaming = null
  current.done()
}

function sendStep(id: number, step: NoteStep | null): void {
  const reply: PrepareStepReply = { id, step, cpuMicros: threadCpuMicros() }
  parentPort!.postMessage(reply, step?.kind === 'chunks' ? transferablesOf(step.chunks) : [])
}

let previous = Promise.resolve()
parentPort?.on('message', (message: PrepareRequest | PrepareControl) => {
  if ('pull' in message) {
    if (streaming?.id === message.id) nextStep()
  } else if ('cancel' in message) {
    const current = streaming
    if (current?.id !== message.id) cancelled.add(message.id)
    else {
      current.steps.return(undefined)
      endStream(current)
      sendStep(message.id, null)
    }
  } else if (message.segmentChars) {
    const { id, path, segmentChars } = message
    const note: NoteBytes = { bytes: message.bytes }
    previous = previous.then(() => stream(id, path, note, segmentChars))
  } else {
    const request = message
    previous = previous.then(() => answer(request))
  }
})
