// One onnxruntime session per model file per process, in a worker thread of its own (the engine's event loop stays free
// while the model runs), shared by reference count, with runs queued (queries first).
import { Worker } from 'node:worker_threads'
import { SemnoteError, type ErrorCode } from '../../../shared/errors'
import { WORKER_YOUNG_GENERATION_MB, workerEntry } from '../worker-entry'
import type { OutputSpec, PackedRows } from './batch-run'
import type { SessionCall, SessionInfo, SessionOpened, SessionReply, SessionRequest, SessionWorkerData } from './session-worker'

/** Who is waiting for the model: search queries overtake queued indexing batches. */
export type RunPriority = 'query' | 'passage'

/** Serializes work on one session so batches never compete for the same threads. */
class RunQueue {
  private busy = false
  private readonly waiting: Array<{ priority: RunPriority; start: () => void }> = []

  async run<T>(priority: RunPriority, task: () => Promise<T>): Promise<T> {
    if (this.busy) {
      await new Promise<void>((start) => {
        const firstPassage = this.waiting.findIndex((w) => w.priority === 'passage')
        const at = priority === 'query' && firstPassage >= 0 ? firstPassage : this.waiting.length
        this.waiting.splice(at, 0, { priority, start })
      })
    }
    this.busy = true
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next.start()
      else this.busy = false
    }
  }
}

/** A session in its worker: one run at a time is sent to it (the queue decides which). */
class SessionHost {
  /** CPU time of the worker thread as of its last answer, µs. */
  cpuMicros = 0
  /** Batches run so far. */
  runs = 0
  private readonly pending = new Map<number, (reply: SessionReply) => void>()
  private nextId = 0
  private failure: Error | null = null

  private constructor(
    private readonly worker: Worker,
    readonly info: SessionInfo
  ) {
    worker.on('message', (reply: SessionReply) => {
      this.cpuMicros = reply.cpuMicros
      const answer = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      if (this.pending.size === 0) worker.unref()
      answer?.(reply)
    })
    worker.on('error', (error) => this.fail(error))
    worker.on('exit', (code) => this.fail(new Error(`the model worker stopped (exit code ${code})`)))
  }

  /** Starts a worker and loads the model in it. */
  static async open(modelPath: string, threads: number): Promise<SessionHost> {
    const entry = workerEntry('session-worker', __dirname)
    const data: SessionWorkerData = { modelPath, threads }
    const worker = new Worker(entry.file, { execArgv: entry.execArgv, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } })
    let stop = (): void => undefined
    const opened = await new Promise<SessionOpened>((resolve, reject) => {
      const exited = (code: number) => reject(new Error(`the model worker stopped (exit code ${code})`))
      worker.once('message', resolve).once('error', reject).once('exit', exited)
      stop = () => void worker.off('message', resolve).off('error', reject).off('exit', exited)
    }).finally(() => stop())
    if (!opened.ok) {
      await worker.terminate()
      throw new Error(opened.message)
    }
    worker.unref()
    return new SessionHost(worker, opened.info)
  }

  /** Runs one batch; resolves to its vectors one after another (rows x dimension). */
  run(rows: PackedRows, padId: number, spec: OutputSpec, quiet: boolean): Promise<Float32Array> {
    this.runs++
    return this.request({ kind: 'run', rows, padId, spec, quiet }, [rows.ids.buffer as ArrayBuffer, rows.lengths.buffer as ArrayBuffer]).then((reply) => {
      if (!reply.ok) throw reply.error.code ? new SemnoteError(reply.error.code as ErrorCode, reply.error.message) : new Error(reply.error.message)
      if (!('vectors' in reply)) throw new Error('the model worker answered a run without vectors')
      return reply.vectors
    })
  }

  /** Frees the session and ends the worker. */
  async release(): Promise<void> {
    await this.request({ kind: 'release' }, []).catch(() => undefined)
    await this.worker.terminate()
  }

  private request(message: SessionCall, transfer: ArrayBuffer[]): Promise<SessionReply> {
    if (this.failure) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, resolve)
      // While a run is out, the worker keeps the process alive (a CLI search waits for its query vector).
      this.worker.ref()
      const request: SessionRequest = { ...message, id }
      this.worker.postMessage(request, transfer)
    })
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const [id, answer] of this.pending) answer({ id, ok: false, error: { message: this.failure.message }, cpuMicros: this.cpuMicros })
    this.pending.clear()
  }
}

/** A session plus its run queue; `release` frees it when the last user is done. */
export interface SharedSession {
  /** The graph's inputs and outputs. */
  info: SessionInfo
  queue: RunQueue
  /** Runs one batch in the model's worker (call it inside `queue.run`). */
  run(rows: PackedRows, padId: number, spec: OutputSpec, quiet?: boolean): Promise<Float32Array>
  /** The model worker's work so far: batches run, and CPU time of its thread in µs (the bench splits indexing CPU by thread). */
  readonly stats: { runs: number; cpuMicros: number }
  release(): Promise<void>
}

interface Entry {
  ready: Promise<SessionHost>
  queue: RunQueue
  users: number
}

const sessions = new Map<string, Entry>()

/**
 * Opens (or shares) the session for `modelPath` with `threads` intra-op threads, full graph optimization and no thread
 * spinning, in a worker thread.
 * @throws SemnoteError MODEL_INVALID naming the file when onnxruntime cannot load it.
 */
export async function acquireSession(modelPath: string, threads: number): Promise<SharedSession> {
  const key = `${modelPath}\n${threads}`
  let entry = sessions.get(key)
  if (!entry) {
    entry = { ready: SessionHost.open(modelPath, threads), queue: new RunQueue(), users: 0 }
    sessions.set(key, entry)
  }
  entry.users += 1
  const current = entry
  let host: SessionHost
  try {
    host = await current.ready
  } catch (error) {
    if (sessions.get(key) === current) sessions.delete(key)
    throw new SemnoteError(
      'MODEL_INVALID',
      `onnxruntime cannot load the model ${modelPath} (${(error as Error).message}). Fix: download the model again or use a pack whose ONNX file loads.`
    )
  }
  let released = false
  return {
    info: host.info,
    queue: current.queue,
    run: (rows, padId, spec, quiet = false) => host.run(rows, padId, spec, quiet),
    get stats() {
      return { runs: host.runs, cpuMicros: host.cpuMicros }
    },
    async release() {
      if (released) return
      released = true
      current.users -= 1
      if (current.users === 0 && sessions.get(key) === current) {
        sessions.delete(key)
        // Queued behind any run still in flight, so onnxruntime never frees a session that is running.
        await current.queue.run('passage', () => host.release())
      }
    }
  }
}
