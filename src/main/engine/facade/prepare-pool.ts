// Extract + chunk + tokenize on every core: a pool of worker threads that prepare notes, each with a time and a memory
// limit per note (a hostile file costs its worker, which is started afresh, never the engine).
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { DOCUMENT_EXTENSIONS } from '../extract/documents/limits'
import { DEFAULT_WORKER_LIMITS } from '../extract/isolated/document-pool'
import type { NoteStep, PreparedNote, PrepareNote, PrepareOrStream } from '../index/ports'
import { unreadable } from '../index/unreadable'
import { extensionOf } from '../watch/scan'
import type { PrepareControl, PrepareReady, PrepareReply, PrepareRequest, PrepareSpec, PrepareStepReply } from './prepare-worker'
import { DEFAULT_SEGMENT_OPTIONS, preparesInSegments } from './segmented-prepare'
import { StepFeed } from './step-feed'
import { WORKER_YOUNG_GENERATION_MB, workerEntry } from '../worker-entry'
import { memoryMark } from '../memory-trace'
import { searchSignal } from '../search-signal'

export interface PrepareLimits {
  /**
   * A note that takes more than this much CPU time of its worker's thread is given up (its worker ended): skip `limit`.
   * CPU time, like the PDF reader's soft deadline (softDeadlineCpuMs): on a busy machine a worker gets a slice of a core,
   * and the same note must be read the same way, or skipped the same way, as when the machine is quiet.
   */
  timeoutMs: number
  /** The same for a document (PDF, Word, EPUB, OpenDocument). */
  documentTimeoutMs: number
  /** JS heap of a worker at most; a note needing more ends its worker: skip `limit`. */
  maxHeapMb: number
  /** Idle workers are ended after this long. */
  idleMs: number
  /**
   * A worker that prepared a note of at least this many bytes is ended once it answers (default RETIRE_AFTER_BYTES): its
   * heap grew to what the note needed, and V8 keeps most of it.
   */
  retireAfterBytes?: number
}

/**
 * A 19 MB Markdown note took a worker's heap to its 384 MB limit, and the process kept that memory while the next notes
 * were prepared (issue 19.13); a new worker costs about a second of CPU, little beside preparing such a note.
 */
export const RETIRE_AFTER_BYTES = 4 * 1024 * 1024

/**
 * Documents keep the document worker's limits; other notes (Markdown up to the 20 MB file cap) get more time. Idle workers
 * live 30 s: a fresh worker spends about a second of CPU compiling and warming up before it prepares notes at full speed
 * (measured on 1,000 notes: 2.2 s of prepare CPU cold against 1.2-1.5 s warm, and 1.2 s against 0.3 s in V8's compiler
 * threads), which edits coming in every few seconds should not pay again and again.
 */
export const DEFAULT_PREPARE_LIMITS: PrepareLimits = {
  timeoutMs: 120_000,
  documentTimeoutMs: DEFAULT_WORKER_LIMITS.timeoutMs,
  maxHeapMb: DEFAULT_WORKER_LIMITS.maxHeapMb,
  idleMs: 30_000
}

const DOCUMENTS = new Set<string>(DOCUMENT_EXTENSIONS)

/**
 * A note that is still not done after this many times its CPU limit in wall time is given up too: a note that waits on
 * something that never comes uses no CPU. Far past what any load stretches a note's CPU time to on a working machine.
 */
const WALL_TIME_PER_CPU_LIMIT = 20

/** Notes sent to a worker before the previous one is back, so it never waits for the engine thread between notes. */
const JOBS_IN_FLIGHT_PER_WORKER = 2

/**
 * Workers by default: the cores minus one for the engine thread (ordering, commits, search) and the UI, and minus the
 * model's threads when the model is the costly part (transformer packs, whose tokenizer is cheap beside them); at least 1.
 */
export function defaultPrepareThreads(modelThreads: number, modelIsCheap: boolean, cores = availableParallelism()): number {
  return Math.max(1, Math.min(8, cores - 1 - (modelIsCheap ? 0 : modelThreads)))
}

interface Job {
  path: string
  /** The note's bytes; a streamed note's are handed to its worker when sent (then empty here: see send). */
  bytes: Uint8Array
  byteLength: number
  /** The note's answer; for a streamed note, how the pool ends it (a limit, a crash, closing). */
  resolve: (note: PreparedNote) => void
  /** A streamed note's steps as they come from its worker. */
  feed?: StepFeed
}

interface Slot {
  worker: Worker
  /** The worker has loaded its code and tokenizer (time limits run from then on). */
  ready: boolean
  /** CPU time the worker reported last, µs. */
  cpuMicros: number
  /** Jobs sent, oldest (the one being worked on, whose time limit runs) first. */
  jobs: SentJob[]
}

interface SentJob {
  id: number
  job: Job
  /** The time limit's next look at the worker's CPU time (null until the note is the worker's current one). */
  timer: NodeJS.Timeout | null
  /** The worker thread's CPU time when the note became its current one, µs, and the monotonic time then (a streamed note: of its latest step), ms. */
  startCpuMicros: number
  startedAt: number
}

/** Prepares notes on up to `size` worker threads; `prepare` never rejects (limits, crashes and errors become skips). */
export class PreparePool {
  /** Workers started so far (for tests: a new one after each timeout or crash). */
  workersStarted = 0
  /** CPU time of the workers that ended, µs; see cpuMicros. */
  private endedCpuMicros = 0
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 0
  private idleTimer: NodeJS.Timeout | null = null
  private closed = false

  constructor(
    private readonly spec: PrepareSpec,
    readonly size: number,
    private readonly limits: PrepareLimits = DEFAULT_PREPARE_LIMITS
  ) {}

  /** Extract + chunk (+ token ids) of one note's bytes, in a worker. */
  readonly prepare: PrepareNote = (path, bytes) =>
    new Promise((resolve) => {
      if (this.closed) return resolve({ ok: false, reason: 'error', detail: 'indexing stopped' })
      this.queue.push({ path, bytes, byteLength: bytes.byteLength, resolve })
      this.pump()
    })

  /**
   * The same, except that a large Markdown or plain-text note (see preparesInSegments) is answered at once with a stream:
   * its worker prepares it a segment at a time, only when and as fast as the steps are taken (see StepFeed). Its bytes are
   * handed over to the worker, not copied: the caller must not use them once it has started the steps.
   */
  readonly prepareOrStream: PrepareOrStream = (path, bytes) => {
    if (!preparesInSegments(path, bytes.byteLength, this.spec.segments ?? DEFAULT_SEGMENT_OPTIONS)) return this.prepare(path, bytes)
    return { ok: true, streamed: true, steps: () => this.streamSteps(streamedJob(path, bytes)) }
  }

  /** A streamed note's steps; the job, not this frame, holds its bytes, so they go with the job's once sent. */
  private async *streamSteps(job: Job & { feed: StepFeed }): AsyncGenerator<NoteStep, void, undefined> {
    const feed = job.feed
    if (this.closed) {
      yield { kind: 'failed', reason: 'error', detail: 'indexing stopped' }
      return
    }
    this.queue.push(job)
    this.pump()
    try {
      for (;;) {
        const step = await feed.take()
        if (step === null) return
        yield step
        if (step.kind === 'failed') return
      }
    } finally {
      if (!feed.ended) this.cancel(job)
    }
  }

  /** Stops a streamed note that is no longer wanted: dropped from the queue, or its worker told to stop. */
  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      return
    }
    for (const slot of this.slots) {
      const sent = slot.jobs.find((entry) => entry.job === job)
      if (sent) slot.worker.postMessage({ id: sent.id, cancel: true } satisfies PrepareControl)
    }
  }

  /** CPU time the pool's workers used so far (as of their last answer), µs: the bench splits indexing CPU by thread with it. */
  get cpuMicros(): number {
    return this.slots.reduce((sum, slot) => sum + slot.cpuMicros, this.endedCpuMicros)
  }

  /** Ends every worker; notes still waiting are answered with an error. */
  async close(): Promise<void> {
    this.closed = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, reason: 'error', detail: 'indexing stopped' })
    await Promise.all(this.slots.splice(0).map((slot) => this.end(slot, { ok: false, reason: 'error', detail: 'indexing stopped' })))
  }

  private pump(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    while (this.queue.length > 0) {
      const slot = this.freeSlot(this.queue[0]!.feed !== undefined)
      if (!slot) return
      this.send(slot, this.queue.shift()!)
    }
    if (this.slots.every((slot) => slot.jobs.length === 0)) {
      this.idleTimer = setTimeout(() => void this.endIdle(), this.limits.idleMs)
      this.idleTimer.unref()
    }
  }

  /**
   * The least busy worker with room for another note, starting one while fewer than `size` run. A streamed note waits for
   * an idle worker: it is then the worker's current note, never one sent again to another worker (see send).
   */
  private freeSlot(streamed: boolean): Slot | undefined {
    const idle = this.slots.find((slot) => slot.jobs.length === 0)
    if (idle) return idle
    if (this.slots.length < this.size) return this.start()
    if (streamed) return undefined
    // A worker on a streamed note takes nothing more: it is busy for as long as the note is being written.
    const open = this.slots.filter((slot) => slot.jobs.length < JOBS_IN_FLIGHT_PER_WORKER && !slot.jobs.some((sent) => sent.job.feed))
    return open.sort((a, b) => a.jobs.length - b.jobs.length)[0]
  }

  private start(): Slot {
    const entry = workerEntry('prepare-worker', __dirname)
    const worker = new Worker(entry.file, {
      execArgv: entry.execArgv,
      workerData: { ...this.spec, searches: searchSignal.shared } satisfies PrepareSpec,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxHeapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, stackSizeMb: 4 },
      stdout: true,
      stderr: true
    })
    // Parsers may print warnings; they are not the user's concern (and must not reach the CLI's JSON).
    worker.stdout.resume()
    worker.stderr.resume()
    worker.unref()
    const slot: Slot = { worker, ready: false, cpuMicros: 0, jobs: [] }
    worker.on('message', (message: PrepareReply | PrepareStepReply | PrepareReady) => {
      if ('ready' in message) {
        slot.ready = true
        memoryMark('prepare worker ready')
        slot.cpuMicros = message.cpuMicros
        this.armLimit(slot)
      } else this.answered(slot, message)
    })
    worker.on('error', (error: Error & { code?: string }) => void this.failed(slot, error))
    worker.on('exit', (code) => void this.failed(slot, new Error(`the prepare worker stopped (exit code ${code})`)))
    this.slots.push(slot)
    this.workersStarted++
    return slot
  }

  private send(slot: Slot, job: Job): void {
    const id = this.nextId++
    slot.jobs.push({ id, job, timer: null, startCpuMicros: 0, startedAt: 0 })
    this.armLimit(slot)
    // A copy is handed over (transferred, not cloned again): the caller keeps its bytes, and a note queued behind one that
    // ends its worker is sent again. A streamed note goes only to an idle worker, so its own bytes are handed over: a
    // 19 MB note's bytes are then held once, by its worker until it has decoded them (issue 19.13).
    const bytes = job.feed ? ownBytes(job.bytes) : new Uint8Array(job.bytes)
    if (job.feed) job.bytes = NO_BYTES
    const segmentChars = job.feed ? (this.spec.segments ?? DEFAULT_SEGMENT_OPTIONS).segmentChars : undefined
    const request: PrepareRequest = { id, path: job.path, bytes, ...(segmentChars ? { segmentChars } : {}) }
    job.feed?.sent(() => slot.worker.postMessage({ id, pull: true } satisfies PrepareControl))
    slot.worker.postMessage(request, [bytes.buffer])
  }

  private answered(slot: Slot, reply: PrepareReply | PrepareStepReply): void {
    const index = slot.jobs.findIndex((sent) => sent.id === reply.id)
    if (index < 0) return
    slot.cpuMicros = reply.cpuMicros
    if ('step' in reply) {
      // A streamed note keeps its worker (and its CPU-time limit runs on) until its last step. Its wall-time limit counts
      // from its latest step: between steps the worker waits for the engine to embed and write what it sent.
      const sent = slot.jobs[index]!
      sent.job.feed?.receive(reply.step)
      if (reply.step !== null && reply.step.kind !== 'failed') {
        if (sent.timer) sent.startedAt = performance.now()
        return
      }
    }
    const [sent] = slot.jobs.splice(index, 1)
    if (sent!.timer) clearTimeout(sent!.timer)
    if ('note' in reply) sent!.job.resolve(reply.note)
    if (sent!.job.byteLength >= (this.limits.retireAfterBytes ?? RETIRE_AFTER_BYTES)) {
      void this.retire(slot)
      return
    }
    this.armLimit(slot)
    this.pump()
  }

  /** Ends a worker after a large note; the notes it was sent meanwhile go back to the queue, for a fresh worker. */
  private async retire(slot: Slot): Promise<void> {
    const index = this.slots.indexOf(slot)
    if (index >= 0) this.slots.splice(index, 1)
    this.endedCpuMicros += slot.cpuMicros
    const waiting = slot.jobs.splice(0)
    for (const sent of waiting) if (sent.timer) clearTimeout(sent.timer)
    if (this.closed) for (const sent of waiting) sent.job.resolve({ ok: false, reason: 'error', detail: 'indexing stopped' })
    else this.queue.unshift(...waiting.map((sent) => sent.job))
    await slot.worker.terminate().catch(() => undefined)
    if (!this.closed) this.pump()
  }

  /**
   * Starts the time limit of the note a worker is working on (the first it was sent; the others wait their turn). The
   * worker's CPU time then is the one it reported with its last answer (or when it became ready): it starts the next
   * note right after answering.
   */
  private armLimit(slot: Slot): void {
    const current = slot.jobs[0]
    if (!current || current.timer || !slot.ready) return
    const limitMs = this.limitOf(current)
    current.startCpuMicros = slot.cpuMicros
    current.startedAt = performance.now()
    current.timer = setTimeout(() => void this.lookAtLimit(slot, current), limitMs)
  }

  private limitOf(sent: SentJob): number {
    return DOCUMENTS.has(extensionOf(sent.job.path)) ? this.limits.documentTimeoutMs : this.limits.timeoutMs
  }

  /** Gives the note up once its thread's CPU time since it started is past the limit; else looks again when it could be. */
  private async lookAtLimit(slot: Slot, sent: SentJob): Promise<void> {
    if (slot.jobs[0] !== sent) return
    const limitMs = this.limitOf(sent)
    const cpuMicros = await threadCpuMicros(slot.worker)
    if (slot.jobs[0] !== sent) return
    const waitedMs = performance.now() - sent.startedAt
    const usedMs = cpuMicros === null ? waitedMs : (cpuMicros - sent.startCpuMicros) / 1000
    if (usedMs >= limitMs || waitedMs >= limitMs * WALL_TIME_PER_CPU_LIMIT) return this.timedOut(slot, limitMs)
    // The note cannot pass its limit sooner than in (limit - used) ms of wall time.
    sent.timer = setTimeout(() => void this.lookAtLimit(slot, sent), Math.max(1, limitMs - usedMs))
  }

  private async timedOut(slot: Slot, limitMs: number): Promise<void> {
    const limit = limitMs < 1000 ? `${limitMs} ms` : `${Math.round(limitMs / 1000)} s`
    await this.end(slot, { ok: false, reason: 'limit', detail: `took more than ${limit} of work to read` })
  }

  private async failed(slot: Slot, error: Error & { code?: string }): Promise<void> {
    if (!this.slots.includes(slot)) return
    const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /heap out of memory|memory limit/i.test(error.message)
    await this.end(
      slot,
      memory
        ? { ok: false, reason: 'limit', detail: `needed more than ${this.limits.maxHeapMb} MB of memory to read` }
        : { ok: false, ...unreadable(error) }
    )
  }

  /** Ends a worker: the note it was working on gets `outcome`, the others go back to the queue. */
  private async end(slot: Slot, outcome: PreparedNote): Promise<void> {
    const index = this.slots.indexOf(slot)
    if (index >= 0) this.slots.splice(index, 1)
    this.endedCpuMicros += slot.cpuMicros
    const [current, ...waiting] = slot.jobs.splice(0)
    for (const sent of [current, ...waiting]) if (sent?.timer) clearTimeout(sent.timer)
    current?.job.resolve(outcome)
    if (this.closed) for (const sent of waiting) sent.job.resolve(outcome)
    else this.queue.unshift(...waiting.map((sent) => sent.job))
    await slot.worker.terminate().catch(() => undefined)
    if (!this.closed) this.pump()
  }

  private async endIdle(): Promise<void> {
    this.idleTimer = null
    const idle = this.slots.filter((slot) => slot.jobs.length === 0)
    for (const slot of idle) {
      this.slots.splice(this.slots.indexOf(slot), 1)
      this.endedCpuMicros += slot.cpuMicros
    }
    await Promise.all(idle.map((slot) => slot.worker.terminate().catch(() => undefined)))
  }
}

const NO_BYTES = new Uint8Array(0)

/** A streamed note's job: its steps come through a feed, which its end (a limit, a crash, closing) closes. */
function streamedJob(path: string, bytes: Uint8Array): Job & { feed: StepFeed } {
  const feed = new StepFeed()
  return { path, bytes, byteLength: bytes.byteLength, feed, resolve: (note) => feed.end(note.ok ? null : { kind: 'failed', reason: note.reason, detail: note.detail }) }
}

/** `bytes` as an array that owns its whole buffer, so transferring it detaches nothing else (a view is copied). */
function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes
  const whole = buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
  return whole ? new Uint8Array(buffer) : new Uint8Array(bytes)
}

/** CPU time a worker's thread used so far, µs; null where the runtime cannot tell (worker.cpuUsage came with Node 24.6). */
async function threadCpuMicros(worker: Worker): Promise<number | null> {
  if (typeof worker.cpuUsage !== 'function') return null
  const usage = await worker.cpuUsage().catch(() => null)
  return usage ? usage.user + usage.system : null
}

/** A pool in use: its prepare step, and `release` when the user is done with it. */
export interface PoolLease {
  readonly pool: PreparePool
  release(): void
}

/** Pools of this process by key, kept while someone uses them and for a moment after (engines reopened in a row share one). */
const leased = new Map<string, { pool: PreparePool; users: number; closing: NodeJS.Timeout | null }>()

/**
 * The pool for `key` (one spec and size; e.g. the pack folder, the chunk budget and the worker count), started when none
 * is in use. Released pools end after their idle time unless leased again.
 */
export function leasePreparePool(key: string, spec: PrepareSpec, size: number, limits = DEFAULT_PREPARE_LIMITS): PoolLease {
  let entry = leased.get(key)
  if (!entry) leased.set(key, (entry = { pool: new PreparePool(spec, size, limits), users: 0, closing: null }))
  if (entry.closing) clearTimeout(entry.closing)
  entry.closing = null
  entry.users++
  const current = entry
  let released = false
  return {
    pool: current.pool,
    release() {
      if (released) return
      released = true
      if (--current.users > 0) return
      current.closing = setTimeout(() => {
        if (leased.get(key) === current) leased.delete(key)
        void current.pool.close()
      }, limits.idleMs)
      current.closing.unref()
    }
  }
}
