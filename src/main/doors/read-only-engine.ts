// The engine behind `semnote mcp` and `semnote serve`: read-only beside whoever indexes, reopened when its table goes away.
import { SemnoteError } from '../../shared/errors'
import type { EngineCalls, EngineOptions } from '../engine/contract'
import { Engine } from '../engine/engine'
import { lockOwner } from '../engine/facade/data-lock'
import type { DoorBackend, DoorCallName } from './backend'

/** A failed open is retried by a later call, and a failing engine reopened, at most this often (never once per request). */
const REOPEN_AFTER_MS = 2000

/**
 * Opens the engine read-only (no lock, no indexing: the app or `semnote index --watch` does that) on first use. A call that
 * fails inside the engine (the table was replaced or dropped by the indexing process, e.g. after a model change) reopens
 * it once and is retried; an open that fails is reported to the caller and retried by a later call.
 */
export class ReadOnlyEngine implements DoorBackend {
  private engine: Promise<Engine> | null = null
  private failedAt = 0
  private reopenedAt = 0
  private closed = false

  constructor(private readonly options: EngineOptions) {}

  async call<K extends DoorCallName>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]> {
    const engine = await this.open()
    try {
      return await engine.call(name, arg)
    } catch (error) {
      if ((error as SemnoteError).code !== 'INTERNAL' || Date.now() - this.reopenedAt < REOPEN_AFTER_MS) throw error
      this.reopenedAt = Date.now()
      await this.reopen(engine)
      return (await this.open()).call(name, arg)
    }
  }

  async indexer(): Promise<number | null> {
    return (await lockOwner(this.options.dataDir, true))?.pid ?? null
  }

  /** The engine, for the bench and tests (opened on first use). */
  open(): Promise<Engine> {
    if (this.closed) return Promise.reject(new SemnoteError('ENGINE_UNAVAILABLE', 'The engine is closed.'))
    if (this.engine) return this.engine
    if (Date.now() - this.failedAt < REOPEN_AFTER_MS) return Promise.reject(new SemnoteError('ENGINE_UNAVAILABLE', 'The index could not be opened a moment ago; try again shortly.'))
    const opening = Engine.open({ ...this.options, watch: false }, { resumeIndexing: false })
    this.engine = opening
    opening.catch(() => {
      if (this.engine === opening) this.engine = null
      this.failedAt = Date.now()
    })
    return opening
  }

  async close(): Promise<void> {
    this.closed = true
    const engine = await this.engine?.catch(() => null)
    this.engine = null
    await engine?.close()
  }

  private async reopen(stale: Engine): Promise<void> {
    if (this.engine && (await this.engine.catch(() => null)) === stale) this.engine = null
    await stale.close().catch(() => undefined)
  }
}
