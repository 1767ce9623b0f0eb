// Entry of a prepare worker thread (see PreparePool): extract + chunk + tokenize one note per message, with the pack's
// tokenizer made from a spec (the lite vocabulary is shared memory, not a copy).
import { parentPort, workerData } from 'node:worker_threads'
import type { PreparedNote } from '../index/ports'
import { PassageEncoder, type PassageEncoderSpec } from '../model/passage-encoder'
import { createPrepare } from './pipeline'

/** What a worker is started with. */
export interface PrepareSpec {
  /** Chunk budget in tokens. */
  budget: number
  /** The model's passage encoder; without it token counts are estimated (keyword-only index). */
  encoder?: PassageEncoderSpec
}

export interface PrepareRequest {
  id: number
  path: string
  bytes: Uint8Array
}

export interface PrepareReply {
  id: number
  note: PreparedNote
  /** CPU time this thread used so far, µs (for the bench's split of indexing CPU by thread). */
  cpuMicros: number
}

/** The buffers of the chunks' token ids, handed back without a copy. */
function transferablesOf(note: PreparedNote): ArrayBuffer[] {
  if (!note.ok) return []
  return note.chunks.flatMap((chunk) => (chunk.tokenIds ? [chunk.tokenIds.buffer as ArrayBuffer] : []))
}

const spec = workerData as PrepareSpec
const ready = (async () => createPrepare(spec.budget, spec.encoder ? await PassageEncoder.fromSpec(spec.encoder) : undefined))()

parentPort?.on('message', async ({ id, path, bytes }: PrepareRequest) => {
  let note: PreparedNote
  try {
    const prepare = await ready
    note = await prepare(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  } catch (error) {
    note = { ok: false, reason: 'error', detail: `could not be read as a note: ${error instanceof Error ? error.message : String(error)}` }
  }
  const cpu = process.threadCpuUsage()
  const reply: PrepareReply = { id, note, cpuMicros: cpu.user + cpu.system }
  parentPort!.postMessage(reply, transferablesOf(note))
})
