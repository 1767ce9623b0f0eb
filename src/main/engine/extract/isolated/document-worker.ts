// Entry of the document worker thread: extracts one document per message and answers with its parts or a skip.
import { parentPort } from 'node:worker_threads'
import { extractDocument } from '../documents'
import type { DocumentLimits } from '../documents/limits'
import type { ExtractorOutcome } from '../types'

/** A request from the pool: the file's bytes (transferred) and the limits to read it under. */
export interface DocumentRequest {
  id: number
  ext: string
  bytes: Uint8Array
  limits: DocumentLimits
}

export interface DocumentReply {
  id: number
  outcome: ExtractorOutcome
  /** Peak heap of this worker so far, in bytes (for the reliability tests). */
  heapBytes: number
}

let peakHeap = 0

parentPort?.on('message', async ({ id, ext, bytes, limits }: DocumentRequest) => {
  let outcome: ExtractorOutcome
  try {
    outcome = await extractDocument(ext, bytes, limits)
  } catch (error) {
    const stackDepth = error instanceof RangeError && /call stack/i.test(error.message)
    outcome = stackDepth
      ? { ok: false, reason: 'limit', detail: 'nested too deeply to read' }
      : { ok: false, reason: 'error', detail: `could not be read: ${error instanceof Error ? error.message : String(error)}` }
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
  const reply: DocumentReply = { id, outcome, heapBytes: peakHeap }
  parentPort!.postMessage(reply)
})
