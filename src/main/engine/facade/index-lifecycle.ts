// Opening the chunk table of the current model (rebuilding it when damaged), the indexer over it, and upkeep after writes.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { IndexProgress } from '../../../shared/types'
import { Indexer } from '../index/indexer'
import type { PassageEmbedder } from '../index/ports'
import { ChunkStore } from '../store/chunk-store'
import { tableNameFor } from '../store/schema'
import { SemnoteError } from '../../../shared/errors'
import type { EngineCore } from './engine-core'
import { openPreviousFormat, VectorCarryOver } from './format-upgrade'
import { openEngineStore } from './store-adapter'
import type { EngineStore } from './store-port'
import { searchSignal } from '../search-signal'

/** What the indexer asks the rest of the engine: whether the ignore rules admit a path; what to do when storing fails, and works again. */
export interface IndexerHooks {
  admits(root: string, path: string): boolean
  rootPresent(root: string): Promise<boolean>
  onFailure(error: unknown): void
  onRecovered(): void
}

/** Opens the store and indexer into `core` and refreshes search indexes a little after each burst of writes. */
export class IndexLifecycle {
  private maintenanceTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly core: EngineCore,
    private readonly hooks: IndexerHooks
  ) {}

  /** Opens the chunk table of the current model and derives the manifest from it. */
  async openIndex(): Promise<void> {
    const core = this.core
    let opened: EngineStore | undefined
    try {
      opened = await openEngineStore(core.options.dataDir, core.embedder, !core.writes, core.lexicon, this.storeTuning())
      core.store = opened
      if (opened.rebuiltBecause) core.healthDetail = opened.rebuiltBecause
      core.indexer = await this.createIndexer()
      await this.probeSearch()
    } catch (error) {
      // Only the process that indexes may drop and rebuild the table; a reader reports it.
      if (!core.writes) {
        await opened?.close().catch(() => undefined)
        throw new SemnoteError('ENGINE_UNAVAILABLE', `The index in ${core.options.dataDir} cannot be read right now: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`)
      }
      // The table, its rows or its search indexes cannot be read (damaged files): drop it and rebuild from the notes,
      // rather than failing every start or every search.
      await opened?.close().catch(() => undefined)
      const table = tableNameFor(core.embedder?.id ?? null)
      await ChunkStore.dropTable(core.options.dataDir, table).catch(() => rm(join(core.options.dataDir, 'lancedb', `${table}.lance`), { recursive: true, force: true }))
      core.store = await openEngineStore(core.options.dataDir, core.embedder, false, core.lexicon, this.storeTuning())
      core.healthDetail = `index table could not be read (${(error as Error).message.split('\n')[0]!.slice(0, 200)}); rebuilt from the notes`
      core.indexer = await this.createIndexer()
    }
  }

  /**
   * The table of the current format is empty but one of an older format is there (Semnote was updated): search that one
   * until the new table is filled from the notes, then drop it. A read-only engine (CLI search) only searches it.
   */
  async searchPreviousFormat(): Promise<void> {
    const core = this.core
    if (core.indexer.manifest.size > 0) return
    const previous = await openPreviousFormat(core.options.dataDir, core.embedder, core.lexicon)
    if (!previous) return
    core.searchFrom = { store: previous, embedder: core.embedder }
    if (!core.writes) return
    if (core.embedder) core.carryOver = new VectorCarryOver(core.embedder, core.embedder.modelIsLight ? null : previous)
  }

  /** A new indexer over the open table (a reader follows what the indexing process wrote: its manifest is read again). */
  async refreshIndexer(): Promise<void> {
    const previous = this.core.indexer
    this.core.indexer = await this.createIndexer()
    await previous.close()
  }

  /** Opens the table again at its latest version (a process that only reads, before it checks what another one wrote). */
  async reopen(): Promise<void> {
    await this.core.indexer.close()
    await this.core.store.close()
    await this.openIndex()
  }

  private storeTuning() {
    const retention = this.core.internals.versionRetentionMs
    return retention !== undefined ? { versionRetentionMs: retention } : {}
  }

  /** Index upkeep now rather than on its timer. */
  async maintainNow(): Promise<void> {
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer)
    this.maintenanceTimer = null
    await this.core.store.maintain({ force: true })
  }

  stop(): void {
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer)
  }

  /** Runs one keyword and one vector query, so damaged index files are found at open, not by the user's searches. */
  private async probeSearch(): Promise<void> {
    const { store, embedder } = this.core
    await store.search({ query: 'semnote', mode: 'keyword', limit: 1 }, null)
    if (embedder && store.modelId !== null) {
      const probe = new Float32Array(embedder.dimension)
      probe[0] = 1
      await store.search({ query: 'semnote', mode: 'semantic', limit: 1 }, probe)
    }
  }

  private createIndexer(): Promise<Indexer> {
    const core = this.core
    return Indexer.open({
      store: core.store,
      prepare: core.preparePool().prepareOrStream,
      embedder: () => apartFromUpkeep(core.carryOver && core.carryOver.id === core.embedder?.id ? core.carryOver : core.embedder, core.store),
      maxFileBytes: core.maxFileBytes,
      ...(core.internals.batchChunks ? { batchChunks: core.internals.batchChunks } : {}),
      ...(core.internals.notePartChunks ? { notePartChunks: core.internals.notePartChunks } : {}),
      ...(core.internals.afterNotePart ? { afterNotePart: core.internals.afterNotePart } : {}),
      eventsPending: () => (core.watcher?.unsettledCount ?? 0) > 0,
      onProgress: (progress) => this.onProgress(progress),
      onChange: () => core.statusChanged(),
      admits: (root, path) => this.hooks.admits(root, path),
      rootPresent: (root) => this.hooks.rootPresent(root),
      onFailure: (error) => this.hooks.onFailure(error),
      onRecovered: () => this.hooks.onRecovered()
    })
  }

  private onProgress(progress: IndexProgress): void {
    this.core.emit('progress', this.core.withScanPhase(progress))
    this.core.statusChanged()
    if (progress.phase === 'idle') this.scheduleMaintenance()
  }

  /**
   * Refreshes search indexes a little after a burst of writes: at once (catchUpKeywords) when indexing is still idle and
   * keyword search misses rows of the burst, else when the spacing between upkeeps allows.
   */
  private scheduleMaintenance(): void {
    if (this.maintenanceTimer || this.core.closed) return
    this.maintenanceTimer = setTimeout(() => {
      this.maintenanceTimer = null
      if (this.core.closed) return
      const store = this.core.store
      const idle = this.core.indexer.pendingCount === 0
      void (idle ? store.catchUpKeywords() : Promise.resolve())
        .then(() => store.maintain())
        .catch(() => undefined)
    }, 2000)
    this.maintenanceTimer.unref()
  }
}

/**
 * The embedder as the indexer uses it: every call starts once no search runs (indexing is background work; see
 * search-signal.ts) and runs apart from index upkeep (EngineStore.apartFromUpkeep), so the memory of the two does not add
 * up (issue 19.13).
 */
function apartFromUpkeep(embedder: PassageEmbedder | null, store: EngineStore): PassageEmbedder | null {
  if (!embedder) return null
  return {
    id: embedder.id,
    embedChunks: async (chunks) => {
      await searchSignal.settled()
      return store.apartFromUpkeep(() => embedder.embedChunks(chunks))
    }
  }
}
