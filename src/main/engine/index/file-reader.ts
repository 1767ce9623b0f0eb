// Reads queued note files on a worker thread, many per message: each async fs call costs a thread-pool round trip
// (lstat, open, fstat, read, close: five per file), which on a busy machine cost more than the reads themselves.
import { Worker } from 'node:worker_threads'

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

/** An idle worker is ended after this long (a thread and its heap, ~10 MB, are not kept for an idle index). */
const IDLE_MS = 5000

interface PendingBatch {
  resolve: (results: WireRead[]) => void
  reject: (error: Error) => void
}

/** Batches `read` calls made in the same tick into one worker message. Create one per indexer; `close` ends the worker. */
export class FileReader {
  private worker: Worker | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private failed: Error | null = null
  private nextId = 0
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

  /** Ends the worker; reads still waiting reject. */
  async close(): Promise<void> {
    this.fail(new Error('file reader closed'))
    await this.endWorker()
  }

  private flush(): void {
    const batch = this.queued
    this.queued = []
    if (batch.length === 0) return
    if (this.failed) return batch.forEach((item) => item.reject(this.failed!))
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const id = this.nextId++
    this.inFlight.set(id, {
      resolve: (results) => batch.forEach((item, i) => item.resolve(fromWire(results[i]!))),
      reject: (error) => batch.forEach((item) => item.reject(error))
    })
    try {
      this.ensureWorker().postMessage({ id, paths: batch.map((item) => item.path), maxBytes: this.maxBytes })
    } catch (error) {
      this.fail(error as Error) // no worker threads here: every read falls back to the caller
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, { eval: true })
    worker.unref()
    worker.on('message', ({ id, results }: { id: number; results: WireRead[] }) => {
      const pending = this.inFlight.get(id)
      this.inFlight.delete(id)
      pending?.resolve(results)
      if (this.inFlight.size === 0 && this.queued.length === 0) {
        if (this.idleTimer) clearTimeout(this.idleTimer)
        this.idleTimer = setTimeout(() => void this.endWorker(), this.idleMs)
        this.idleTimer.unref()
      }
    })
    worker.on('error', (error) => this.fail(error))
    worker.on('exit', () => {
      // Ended on purpose when idle (the next read starts a new one); otherwise reads fall back to the caller.
      if (this.worker === worker) this.fail(new Error('file reader worker exited'))
    })
    this.worker = worker
    return worker
  }

  private async endWorker(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const worker = this.worker
    this.worker = null
    if (!worker) return
    for (const pending of this.inFlight.values()) pending.reject(new Error('file reader worker ended'))
    this.inFlight.clear()
    await worker.terminate()
  }

  private fail(error: Error): void {
    this.failed ??= error
    for (const pending of this.inFlight.values()) pending.reject(this.failed)
    this.inFlight.clear()
    for (const item of this.queued.splice(0)) item.reject(this.failed)
  }
}

function fromWire(read: WireRead): RawRead {
  if (read.kind !== 'read') return read
  return { ...read, bytes: Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength) }
}
