// The app's "Local API" setting: the HTTP door of `semnote serve`, run in main over the app's engine client.
import { SemnoteError } from '../shared/errors'
import { DEFAULT_PORT, startHttpDoor, type HttpDoor } from './doors/http/server'
import { loadOrCreateToken } from './doors/http/token'
import type { EngineCaller } from './ipc/handlers'

export interface LocalApiDeps {
  /** The app's engine (EngineClient): the same calls and the same door validation as `semnote serve`. */
  engine: EngineCaller
  /** The app's index folder: the token lives there, shared with `semnote serve --app`. */
  dataDir: string
  version: string
  port?: number
}

/**
 * Runs in main, not in the engine host: the host's event loop is busy while indexing (its thread tokenizes and commits),
 * the server outlives engine restarts (answering 503 meanwhile) and main owns the setting. Requests cross to the engine
 * through the same client the windows use.
 */
export class LocalApi {
  private door: HttpDoor | null = null
  private changing: Promise<void> = Promise.resolve()

  constructor(private readonly deps: LocalApiDeps) {}

  /** Where it listens, or null while off. */
  get url(): string | null {
    return this.door?.url ?? null
  }

  /** Starts or stops the server; rejects (staying off) when it cannot start. */
  apply(enabled: boolean): Promise<void> {
    const run = this.changing.then(() => (enabled ? this.start() : this.stop()))
    this.changing = run.catch(() => undefined)
    return run
  }

  private async start(): Promise<void> {
    if (this.door) return
    const port = this.deps.port ?? DEFAULT_PORT
    const engine = this.deps.engine
    try {
      this.door = await startHttpDoor({
        backend: { call: (name, arg) => engine.call(name, arg), indexer: async () => 'self' },
        token: await loadOrCreateToken(this.deps.dataDir),
        port,
        version: this.deps.version
      })
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      throw new SemnoteError('ENGINE_UNAVAILABLE', inUse ? `The local API could not start: port ${port} is in use (is semnote serve running?).` : `The local API could not start: ${(error as Error).message}`)
    }
  }

  /** Stops the server (no-op while off). */
  async stop(): Promise<void> {
    const door = this.door
    this.door = null
    await door?.close()
  }
}
