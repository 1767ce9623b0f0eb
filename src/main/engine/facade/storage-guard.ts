// When storing fails: a typed fault in status and a retry (disk full, read-only), or a rebuild when the data dir was deleted.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import { ensureDataDir } from './data-dir'
import { lockDataDir } from './data-lock'
import type { EngineCore } from './engine-core'
import type { IndexLifecycle } from './index-lifecycle'
import type { RootWork } from './roots'
import { storageError } from './storage-errors'

/** How long a storage fault waits before indexing tries again (default). */
const FAULT_RETRY_MS = 30_000

/** Turns storage failures of one engine into faults, retries and rebuilds. */
export class StorageGuard {
  private retryTimer: NodeJS.Timeout | null = null
  private rebuilding: Promise<void> | null = null
  /** Between a failure and knowing whether the index folder is gone. */
  private deciding: Promise<void> | null = null

  constructor(
    private readonly core: EngineCore,
    private readonly index: IndexLifecycle,
    private readonly roots: RootWork
  ) {}

  /** The indexer halted on `error`: rebuild when the index folder is gone, else report the fault and retry later. */
  onIndexerFailure(error: unknown): void {
    const core = this.core
    if (core.closed) return
    core.fault = storageError(error, core.options.dataDir) ?? new SemnoteError('INTERNAL', `Indexing stopped: ${firstLine(error)}`)
    this.deciding = this.indexFolderGone().then((gone) => {
      this.deciding = null
      if (core.closed) return
      if (gone) return void this.rebuild()
      core.statusChanged()
      this.scheduleRetry()
    })
  }

  /** Indexing runs again after a fault. */
  onRecovered(): void {
    if (this.core.fault === undefined) return
    this.core.fault = undefined
    this.core.statusChanged()
  }

  /** The error a failed call should throw: typed when storage failed (and a rebuild started when the index folder is gone). */
  async forCall(error: unknown): Promise<SemnoteError> {
    const core = this.core
    if (error instanceof SemnoteError) return error
    if (await this.indexFolderGone()) {
      if (core.writes && !core.closed) {
        void this.rebuild()
        return new SemnoteError('ENGINE_UNAVAILABLE', `The index folder ${core.options.dataDir} was deleted; Semnote is rebuilding it from your notes. Try again in a moment.`)
      }
      return new SemnoteError('NOT_FOUND', `The index folder ${core.options.dataDir} was deleted while this command ran: run "semnote index <folder>" again.`)
    }
    return storageError(error, core.options.dataDir) ?? new SemnoteError('INTERNAL', firstLine(error))
  }

  stop(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  /** True while a failure is being looked at or the index is being rebuilt. */
  get busy(): boolean {
    return this.deciding !== null || this.rebuilding !== null
  }

  /** Waits for a rebuild in progress (the engine is usable again after it). */
  async settled(): Promise<void> {
    await this.deciding
    await this.rebuilding
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      if (!this.core.closed) this.core.indexer.retry()
    }, this.core.internals.faultRetryMs ?? FAULT_RETRY_MS)
    this.retryTimer.unref()
  }

  /** True when the data dir or the table in use vanished (someone deleted the index folder while we ran). */
  private async indexFolderGone(): Promise<boolean> {
    const { dataDir } = this.core.options
    const table = join(dataDir, 'lancedb', `${this.core.store.tableName}.lance`)
    return !(await stat(table).catch(() => null))?.isDirectory()
  }

  /** Recreates the data dir, takes the lock again, saves the roots and indexes every note into a new table. */
  private rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      const core = this.core
      const { dataDir } = core.options
      try {
        await core.indexer.close()
        await core.store.close().catch(() => undefined) // its files are gone; nothing to flush
        await ensureDataDir(dataDir, true)
        core.takeLock(await lockDataDir(dataDir)) // the old lock file went with the folder
        await core.saveState()
        await this.index.openIndex()
        core.healthDetail = `the data folder ${dataDir} was deleted while Semnote ran; the index was rebuilt from the notes`
        core.fault = undefined
        this.roots.restartAll()
        void this.roots.queueSingleFiles(core.state.files)
      } catch (error) {
        core.fault = storageError(error, dataDir) ?? new SemnoteError('INTERNAL', `The index could not be rebuilt: ${firstLine(error)}`)
      }
      core.statusChanged()
    })().finally(() => (this.rebuilding = null))
    return this.rebuilding
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300)
}
