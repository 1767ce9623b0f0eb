// Runs document extraction (PDF, Word, EPUB, OpenDocument) in a worker thread with a time and a memory limit per file:
// a hostile file that hangs or floods memory costs its worker (ended and started afresh), never the engine.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../documents/limits'
import type { ExtractorOutcome } from '../types'
import type { DocumentReply, DocumentRequest } from './document-worker'

export interface WorkerLimits {
  /** A file taking longer than this is given up (its worker ended): skip `limit`. */
  timeoutMs: number
  /** JS heap of the worker at most (V8 resource limit); a file needing more ends its worker: skip `limit`. */
  maxHeapMb: number
  /** An idle worker is ended after this long. */
  idleMs: number
  /** What the extractors themselves stop at (pages, characters, unpacked sizes). */
  documents: DocumentLimits
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { timeoutMs: 30_000, maxHeapMb: 384, idleMs: 5_000, documents: DEFAULT_DOCUMENT_LIMITS }

/** The built worker beside the bundle (out/main), else the TypeScript source run through tsx (tests, the CLI from source). */
function workerEntry(): { file: string; execArgv: string[] } {
  const built = [join(__dirname, 'document-worker.js'), join(__dirname, '..', 'document-worker.js')].find((file) => existsSync(file))
  if (built) return { file: built, execArgv: [] }
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { file: join(__dirname, 'document-worker.ts'), execArgv: ['--import', tsx] }
}

interface Job {
  ext: string
  bytes: Uint8Array
  resolve: (outcome: ExtractorOutcome) => void
}

/** One worker, one document at a time (the engine thread and the embedder need the other core). */
export class DocumentWorkerPool {
  /** Peak JS heap the worker reported (bytes), for tests and the bench. */
  peakHeapBytes = 0
  /** Workers started so far (a new one after each timeout or crash). */
  workersStarted = 0
  private worker: Worker | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private readonly jobs: Job[] = []
  private busy = false
  private nextId = 0

  constructor(private limits: WorkerLimits = DEFAULT_WORKER_LIMITS) {}

  /** Changes the limits; a running worker is replaced when the heap limit changed (it is fixed when a worker starts). */
  configure(limits: Partial<WorkerLimits>): void {
    const heapChanged = limits.maxHeapMb !== undefined && limits.maxHeapMb !== this.limits.maxHeapMb
    this.limits = { ...this.limits, ...limits }
    if (heapChanged) void this.endWorker()
  }

  get currentLimits(): WorkerLimits {
    return this.limits
  }

  /** Extracts a document in the worker; never rejects (limits, crashes and errors become skips). */
  extract(ext: string, bytes: Uint8Array): Promise<ExtractorOutcome> {
    return new Promise((resolve) => {
      this.jobs.push({ ext, bytes, resolve })
      this.pump()
    })
  }

  /** Ends the worker (queued files are still extracted, by a new worker). */
  async close(): Promise<void> {
    await this.endWorker()
  }

  private pump(): void {
    if (this.busy) return
    const job = this.jobs.shift()
    if (!job) return
    this.busy = true
    void this.run(job).then((outcome) => {
      job.resolve(outcome)
      this.busy = false
      if (this.jobs.length > 0) this.pump()
      else this.scheduleIdleEnd()
    })
  }

  private run(job: Job): Promise<ExtractorOutcome> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    return new Promise((resolve) => {
      let worker: Worker
      try {
        worker = this.ensureWorker()
      } catch (error) {
        resolve({ ok: false, reason: 'error', detail: `the document reader could not start: ${(error as Error).message}` })
        return
      }
      const id = this.nextId++
      let settled = false
      const finish = (outcome: ExtractorOutcome, endWorker: boolean) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        if (endWorker) void this.endWorker(worker)
        resolve(outcome)
      }
      const timer = setTimeout(() => {
        const limit = this.limits.timeoutMs < 1000 ? `${this.limits.timeoutMs} ms` : `${Math.round(this.limits.timeoutMs / 1000)} s`
        finish({ ok: false, reason: 'limit', detail: `took longer than ${limit} to read` }, true)
      }, this.limits.timeoutMs)
      const onMessage = (reply: DocumentReply) => {
        if (reply.id !== id) return
        this.peakHeapBytes = Math.max(this.peakHeapBytes, reply.heapBytes)
        finish(reply.outcome, false)
      }
      const onError = (error: Error & { code?: string }) => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory|memory limit/i.test(error.message)
        finish(
          memory
            ? { ok: false, reason: 'limit', detail: `needed more than ${this.limits.maxHeapMb} MB of memory to read` }
            : { ok: false, reason: 'error', detail: `the document reader failed: ${error.message}` },
          true
        )
      }
      const onExit = (code: number) => finish({ ok: false, reason: 'error', detail: `the document reader stopped (exit code ${code})` }, true)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      // A copy is handed over (transferred, not cloned again): the caller keeps its bytes for hashing.
      const bytes = new Uint8Array(job.bytes)
      const request: DocumentRequest = { id, ext: job.ext, bytes, limits: this.limits.documents }
      worker.postMessage(request, [bytes.buffer])
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const entry = workerEntry()
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true
    })
    // pdf.js and mammoth may print warnings; they are not the user's concern (and must not reach the CLI's JSON).
    worker.stdout.resume()
    worker.stderr.resume()
    worker.unref()
    // A worker failing between files must not become an unhandled 'error' event; the next file starts a new one.
    worker.on('error', () => undefined)
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null
    })
    this.worker = worker
    this.workersStarted++
    return worker
  }

  private scheduleIdleEnd(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => void this.endWorker(), this.limits.idleMs)
    this.idleTimer.unref()
  }

  private async endWorker(which: Worker | null = this.worker): Promise<void> {
    if (!which) return
    if (which === this.worker) this.worker = null
    await which.terminate().catch(() => undefined)
  }
}

/** The engine's document pool (one per process). */
export const documentPool = new DocumentWorkerPool()
