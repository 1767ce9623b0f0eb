// What the indexer holds for a file between its turn in the queue and its rows: the queue entry, the read ahead, the job.
import type { FileFacts, NoteStep, PreparedChunk, PreparedNote, StreamedNote } from './ports'
import type { CheckedRead } from './checked-read'

export interface QueuedFile {
  root: string
  /** Newer files are indexed first. */
  mtimeMs: number
  /** Bytes, when known from the scan or the change event (bounds the read-ahead). */
  size?: number
}

/** A file read ahead: its bytes and hash, and its note being prepared when the content was new. */
export interface ReadAhead {
  kind: 'read'
  bytes: Buffer
  mtimeMs: number
  size: number
  contentHash: string
  prepared: Promise<PreparedNote | StreamedNote> | undefined
}

/** What reading a queued file ahead came to: its bytes (and note), a skip, or gone. */
export type FileRead = Exclude<CheckedRead, { kind: 'read' }> | ReadAhead

export type StreamedSteps = AsyncGenerator<NoteStep, void, undefined>

/** A file read and prepared, waiting for its vectors. */
export interface PreparedJob {
  facts: FileFacts
  chunks: PreparedChunk[]
  vectors: (Float32Array | undefined)[]
  /** Same content as this file, now gone: its rows move here instead of being embedded again. */
  renamedFrom?: string
  /**
   * A large text note prepared a segment at a time (its head already read; `chunks` stay empty): its chunks are embedded and
   * written a part at a time as they come (storeStreamed), reusing `reuse`'s vectors (by embed key).
   */
  stream?: { steps: StreamedSteps; reuse: Map<string, Float32Array> }
}

/** Ends the streams of jobs that will not be written (their prepare workers go on with other notes). */
export function stopStreams(jobs: readonly PreparedJob[]): void {
  for (const job of jobs) if (job.stream) void job.stream.steps.return()
}
