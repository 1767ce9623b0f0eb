// One onnxruntime session per model file per process, shared by reference count, with runs queued (queries first).
import { InferenceSession } from 'onnxruntime-node'
import { SemnoteError } from '../../../shared/errors'

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

/** A session plus its run queue; `release` frees it when the last user is done. */
export interface SharedSession {
  session: InferenceSession
  queue: RunQueue
  release(): Promise<void>
}

interface Entry {
  ready: Promise<InferenceSession>
  queue: RunQueue
  users: number
}

const sessions = new Map<string, Entry>()

/**
 * Opens (or shares) the session for `modelPath` with `threads` intra-op threads, full graph optimization and no thread spinning.
 * @throws SemnoteError MODEL_INVALID naming the file when onnxruntime cannot load it.
 */
export async function acquireSession(modelPath: string, threads: number): Promise<SharedSession> {
  const key = `${modelPath}\n${threads}`
  let entry = sessions.get(key)
  if (!entry) {
    const ready = InferenceSession.create(modelPath, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      logSeverityLevel: 3,
      enableCpuMemArena: false,
      enableMemPattern: false,
      // Idle threads sleep instead of spinning: spinning doubled CPU time per text with 2 threads on a busy 2-core machine.
      extra: { session: { 'intra_op.allow_spinning': '0', 'inter_op.allow_spinning': '0' } }
    })
    entry = { ready, queue: new RunQueue(), users: 0 }
    sessions.set(key, entry)
  }
  entry.users += 1
  const current = entry
  let session: InferenceSession
  try {
    session = await current.ready
  } catch (error) {
    sessions.delete(key)
    throw new SemnoteError(
      'MODEL_INVALID',
      `onnxruntime cannot load the model ${modelPath} (${(error as Error).message}). Fix: download the model again or use a pack whose ONNX file loads.`
    )
  }
  let released = false
  return {
    session,
    queue: current.queue,
    async release() {
      if (released) return
      released = true
      current.users -= 1
      if (current.users === 0 && sessions.get(key) === current) {
        sessions.delete(key)
        // Queued behind any run still in flight, so onnxruntime never frees a session that is running.
        await current.queue.run('passage', () => session.release())
      }
    }
  }
}
