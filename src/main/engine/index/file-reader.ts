// Reads queued note files on a worker thread (one per process, shared by the indexers), many per message: each async fs
// call costs a thread-pool round trip (lstat, open, fstat, read, close: five per file), which on a busy machine cost
// more than the reads themselves.
import { Worker } from 'node:worker_threads'
import { WORKER_YOUNG_GENERATION_MB } from '../worker-entry'

/** What one read found, before the indexer maps it to a skip reason. */
export type RawRead =
  | { kind: 'read'; bytes: Buffer; mtimeMs: number; size: number }
  | { kind: 'gone' }
  | { kind: 'link' }
  | { kind: 'not-a-file' }
  | { kind: 'too-large'; size: number }
  /** lstat failed with something other than ENOENT, or the read failed (`vanished`: deleted while being read). */
  | { kind: 'error'; vanished: boolean; message: string }

type WireRead = Exclude<RawRead, { kind: 'read' }> | { kind: 'read'; bytes: Uint8Array; mtimeMs: number; size: number }

/** The worker: lstat + size check + read, synchronously, for every path of a message; replies in the same order. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const fs = require('node:fs')
function readOne(path, maxBytes) {
  let info
  try {
    info = fs.lstatSync(path)
  } catch (error) {
    if (error.code === 'ENOENT') return { kind: 'gone' }
    return { kind: 'error', vanished: false, message: error.message }
  }
  if (info.isSymbolicLink()) return { kind: 'link' }
  if (info.isDirectory()) return { kind: 'gone' }
  if (!info.isFile()) return { kind: 'not-a-file' }
  if (info.size > maxBytes) return { kind: 'too-large', size: info.size }
  try {
    // A copy of exactly the file's bytes (small reads share a pooled buffer), handed over without another copy.
    const bytes = new Uint8Array(fs.readFileSync(path))
    return { kind: 'read', bytes, mtimeMs: Math.floor(info.mtimeMs), size: bytes.length }
  } catch (error) {
    return { kind: 'error', vanished: error.code === 'ENOENT', message: error.message }
  }
}
parentPort.on('message', ({ id, paths, maxBytes }) => {
  const results = paths.map((path) => readOne(path, maxBytes))
  parentPort.postMessage({ id, results }, results.filter((r) => r.kind === 'read').map((r) => r.bytes.buffer))
})
`

/**
 * The reader thread is shared by every FileReader of the process and ended after this long without reads: starting one
 * costs about 45 ms of CPU (a Node worker's bootstrap), which each indexing run, and each burst of edits a few seconds
 * apart, paid again when every indexer had its own thread ended after 5 s.
 */
const IDLE_MS = 30_000

interface PendingBatch {
  resolve: (results: WireRead[]) => void
  reject: (error: Error) => void
}

/** The process's reader thread: batches in flight by id, ended when idle. */
interface ReaderThread {
  worker: Worker
  inFlight: Map<number, PendingBatch>
  idleTimer: NodeJS.Timeout | null
  idleMs: number
}

let thread: ReaderThread | null = null
let nextBatchId = 0

/** True while the shared reader thread runs (for tests). */
export function readerThreadRunning(): boolean {
  return thread !== null
}

function startThread(idleMs: number): ReaderThread {
  const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } })
  worker.unref()
  const started: ReaderThread = { worker, inFlight: new Map(), idleTimer: null, idleMs }
  worker.on('message', ({ id, results }: { id: number; results: WireRead[] }) => {
    const pending = started.inFlight.get(id)
    started.inFlight.delete(id)
    pending?.resolve(results)
    if (started.inFlight.size === 0) scheduleIdleEnd(started)
  })
  const failed = (error: Error) => {
    if (thread === started) thread = null
    for (const pending of started.inFlight.values()) pending.reject(error)
    started.inFlight.clear()
  }
  worker.on('error', failed)
  // Ended on purpose when idle (the next read starts a new one); otherwise the reads in flight fall back to their caller.
  worker.on('exit', () => failed(new Error('file reader worker exited')))
  return started
}

function scheduleIdleEnd(reader: ReaderThread): void {
  if (reader.idleTimer) clearTimeout(reader.idleTimer)
  reader.idleTimer = setTimeout(() => {
    if (reader.inFlight.size > 0) return
    if (thread === reader) thread = null
    void reader.worker.terminate()
  }, reader.idleMs)
  reader.idleTimer.unref()
}

/** Batches `read` calls made in the same tick into one message to the shared reader thread. `close` rejects what it still waits for. */
export class FileReader {
  private failed: Error | null = null
  /** Batches of this reader in flight on the thread, by id. */
  private readonly inFlight = new Map<number, PendingBatch>()
  private queued: { path: string; resolve: (read: RawRead) => void; reject: (error: Error) => void }[] = []

  constructor(
    private readonly maxBytes: number,
    private readonly idleMs = IDLE_MS
  ) {}

  /** Reads `path` (lstat, size cap, bytes). Rejects only if the worker itself fails; the caller then reads the file itself. */
  read(path: string): Promise<RawRead> {
    if (this.failed) return Promise.reject(this.failed)
    return new Promise((resolve, reject) => {
      if (this.queued.length === 0) setImmediate(() => this.flush())
      this.queued.push({ path, resolve, reject })
    })
  }

  /** Stops this reader: reads still waiting reject (the shared thread ends once idle). */
  async close(): Promise<void> {
    this.fail(new Error('file reader closed'))
  }

  private flush(): void {
    const batch = this.queued
    this.queued = []
    if (batch.length === 0) return
    if (this.failed) return batch.forEach((item) => item.reject(this.failed!))
    const id = nextBatchId++
    const pending: PendingBatch = {
      resolve: (results) => {
        this.inFlight.delete(id)
        batch.forEach((item, i) => item.resolve(fromWire(results[i]!)))
      },
      reject: (error) => {
        this.inFlight.delete(id)
        batch.forEach((item) => item.reject(error))
      }
    }
    try {
      const reader = this.ensureWorker()
      if (reader.idleTimer) clearTimeout(reader.idleTimer)
      reader.idleTimer = null
      reader.inFlight.set(id, pending)
      this.inFlight.set(id, pending)
      reader.worker.postMessage({ id, paths: batch.map((item) => item.path), maxBytes: this.maxBytes })
    } catch (error) {
      thread?.inFlight.delete(id)
      pending.reject(error as Error)
      this.fail(error as Error) // no worker threads here: every read falls back to the caller
    }
  }

  /** The shared reader thread, started when none runs. */
  private ensureWorker(): ReaderThread {
    thread ??= startThread(this.idleMs)
    thread.idleMs = this.idleMs
    return thread
  }

  private fail(error: Error): void {
    this.failed ??= error
    for (const [id, pending] of this.inFlight) {
      thread?.inFlight.delete(id)
      pending.reject(this.failed)
    }
    this.inFlight.clear()
    for (const item of this.queued.splice(0)) item.reject(this.failed)
    if (thread && thread.inFlight.size === 0) scheduleIdleEnd(thread)
  }
}

function fromWire(read: WireRead): RawRead {
  if (read.kind !== 'read') return read
  return { ...read, bytes: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) }
}
