// The engine's side of the layout worker: starts it on demand, matches replies to requests, relays progress, ends it
// when idle, and tells it while searches run and when the last one ended (shared memory) so it steps aside for them.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { searchSignal } from '../search-signal'
import { WORKER_YOUNG_GENERATION_MB } from '../worker-entry'
import type { MapProgress } from '../../../shared/map'
import type { LayoutResult, PlaceResult, QualityResult, WireLayout, WireVectors, WorkerReply, WorkerRequest } from './worker-protocol'

/** An idle worker (and the note vectors it holds) is ended after this long. */
const IDLE_MS = 120_000

/** The built worker beside the bundle (out/main/map-worker.js), else the TypeScript source through tsx (tests, CLI from source). */
function workerScript(): { path: string; execArgv: string[] } {
  for (const built of [join(__dirname, 'map-worker.js'), join(__dirname, '..', 'map-worker.js')]) {
    if (existsSync(built)) return { path: built, execArgv: [] }
  }
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { path: join(__dirname, 'layout-worker.ts'), execArgv: ['--import', tsx] }
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  onProgress?: (progress: MapProgress) => void
}

type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

export class LayoutWorker {
  private worker: Worker | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private nextId = 0
  private readonly pending = new Map<number, Pending>()
  /** Which layout the running worker holds (null after it starts or ends); see `holds`. */
  private loaded: number | null = null

  constructor(private readonly idleMs = IDLE_MS) {}

  /** True when the running worker holds the layout computed at `stamp`. */
  holds(stamp: number): boolean {
    return this.worker !== null && this.loaded === stamp
  }

  async layout(vectors: WireVectors, texts: string[], langs: string[], seed: number, stamp: number, onProgress: (progress: MapProgress) => void): Promise<LayoutResult> {
    const result = (await this.request({ type: 'layout', vectors, langs, texts, seed }, [vectors.values.buffer], onProgress)) as LayoutResult
    this.loaded = stamp
    return result
  }

  async load(layout: WireLayout, stamp: number): Promise<void> {
    await this.request({ type: 'load', layout }, [layout.vectors.values.buffer])
    this.loaded = stamp
  }

  place(vectors: WireVectors, langs: string[]): Promise<PlaceResult> {
    return this.request({ type: 'place', vectors, langs }, [vectors.values.buffer]) as Promise<PlaceResult>
  }

  quality(k: number, pairs: Int32Array): Promise<QualityResult> {
    return this.request({ type: 'quality', k, pairs }, []) as Promise<QualityResult>
  }

  async close(): Promise<void> {
    await this.end(new Error('the map worker was closed'))
  }

  /** Sends a request; the `transfer` buffers move to the worker (the caller must not use them afterwards). */
  private request(body: RequestBody, transfer: ArrayBufferLike[], onProgress?: (progress: MapProgress) => void): Promise<unknown> {
    const id = this.nextId++
    const worker = this.ensureWorker()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onProgress ? { onProgress } : {}) })
      worker.postMessage({ ...body, id }, transfer as ArrayBuffer[])
    })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const script = workerScript()
    const worker = new Worker(script.path, { execArgv: script.execArgv, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }, workerData: searchSignal.shared })
    worker.unref()
    worker.on('message', (reply: WorkerReply) => this.onReply(reply))
    worker.on('error', (error) => void this.end(error))
    worker.on('exit', (code) => {
      if (this.worker === worker) void this.end(new Error(`the map worker exited (code ${code})`))
    })
    this.worker = worker
    this.loaded = null
    return worker
  }

  private onReply(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id)
    if (!pending) return
    if ('progress' in reply) return pending.onProgress?.(reply.progress)
    this.pending.delete(reply.id)
    if (reply.ok) pending.resolve(reply.result)
    else pending.reject(new Error(reply.message))
    if (this.pending.size === 0) {
      this.idleTimer = setTimeout(() => void this.end(null), this.idleMs)
      this.idleTimer.unref()
    }
  }

  private async end(error: Error | null): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const worker = this.worker
    this.worker = null
    this.loaded = null
    for (const pending of this.pending.values()) pending.reject(error ?? new Error('the map worker was ended'))
    this.pending.clear()
    await worker?.terminate()
  }
}
