// The embedding model: loading the best pack at start, downloading the default one again, switching to another pack.
import { isAbsolute, join } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import type { ModelState } from '../../../shared/types'
import type { ProxySettings } from '../model/fetch'
import { DEFAULT_PACK } from '../model/catalog'
import { Embedder } from '../model/embedder'
import { provisionPack, provisionSettingsFromEnv } from '../model/fetch'
import { ChunkStore } from '../store/chunk-store'
import type { EngineCore } from './engine-core'
import type { IndexLifecycle } from './index-lifecycle'
import { openBestPack } from './model-choice'
import type { RootWork } from './roots'

/** Loads and switches the model of `core`; a switch re-embeds every note into the new model's table in the background. */
export class ModelCalls {
  constructor(
    private readonly core: EngineCore,
    private readonly index: IndexLifecycle,
    private readonly roots: RootWork
  ) {}

  /** Loads the wanted pack (or a fallback) from the chosen folder first, then the model folders. */
  async loadModel(): Promise<void> {
    const core = this.core
    const dirs = [...(core.state.modelFolder ? [core.state.modelFolder] : []), ...core.options.modelDirs]
    const threads = core.options.threads
    const choice = await openBestPack(dirs, core.wantedModelId, (dir) => Embedder.create(dir, threads ? { threads } : {}))
    if (choice.ok) {
      core.embedder = choice.embedder
      core.model = { state: 'ready', id: choice.embedder.id, dimension: choice.embedder.dimension }
    } else {
      core.embedder = null
      core.model = { state: 'missing', id: core.wantedModelId, reason: choice.reason }
    }
    core.emit('model', core.model)
  }

  async retryModelDownload(proxy: ProxySettings | undefined): Promise<ModelState> {
    const core = this.core
    if (core.wantedModelId !== DEFAULT_PACK.manifest.id) throw new SemnoteError('MODEL_MISSING', `Model "${core.wantedModelId}" cannot be downloaded; choose its folder instead.`)
    const destDir = join(core.options.modelDirs[0] ?? join(core.options.dataDir, 'models'), DEFAULT_PACK.manifest.id)
    const settings = provisionSettingsFromEnv()
    try {
      await provisionPack(DEFAULT_PACK, {
        destDir,
        ...(settings.mirror ? { mirror: settings.mirror } : {}),
        ...(settings.localSource ? { localSource: settings.localSource } : {}),
        ...(proxy ? { proxy } : {}),
        onProgress: (p) => core.setModel({ state: 'downloading', id: DEFAULT_PACK.manifest.id, receivedBytes: p.received, totalBytes: p.total })
      })
    } catch (error) {
      core.setModel({ state: 'failed', id: DEFAULT_PACK.manifest.id, error: (error as Error).message })
      return core.model
    }
    return this.switchModel(destDir)
  }

  async useModelFolder(path: unknown): Promise<ModelState> {
    if (typeof path !== 'string' || !isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', 'A model folder must be an absolute path.')
    return this.switchModel(path)
  }

  /**
   * Validates and loads the pack in `dir`, then re-embeds every note into that model's table in the background. Until
   * that table is complete, searches keep using the previous (complete) table; then it is closed and dropped.
   */
  private async switchModel(dir: string): Promise<ModelState> {
    const core = this.core
    const threads = core.options.threads
    const embedder = await Embedder.create(dir, threads ? { threads } : {}) // throws MODEL_MISSING / MODEL_INVALID
    core.setModel({ state: 'loading', id: embedder.id })
    await Promise.allSettled([...core.roots.values()].map((r) => r.scan))
    await core.indexer.close()
    if (core.searchFrom) {
      // A switch was still filling its table: drop that partial one, keep searching the last complete table.
      await core.store.close()
      if (core.embedder !== core.searchFrom.embedder) await core.embedder?.dispose()
    } else {
      core.searchFrom = { store: core.store, embedder: core.embedder }
    }
    core.embedder = embedder
    core.state.modelFolder = dir
    await core.saveState()
    await this.index.openIndex()
    core.setModel({ state: 'ready', id: embedder.id, dimension: embedder.dimension })
    this.roots.restartAll()
    void this.roots.queueSingleFiles(core.state.files)
    this.finishSwitchInBackground()
    return core.model
  }

  /** Once the roots (started before this is called) are indexed into the new table, switches searches to it. */
  finishSwitchInBackground(): void {
    const core = this.core
    const finishing = this.finishSwitchWhenIdle()
    core.switching = finishing
    void finishing.finally(() => {
      if (core.switching === finishing) core.switching = null
    })
  }

  /** Once every note is in the new table: search it, release the previous table and model, drop other tables. */
  private async finishSwitchWhenIdle(): Promise<void> {
    const core = this.core
    const store = core.store
    await core.indexingIdle()
    if (core.closed || core.store !== store || !core.searchFrom) return
    const previous = core.searchFrom
    core.searchFrom = null
    core.carryOver = null
    await previous.store.close()
    if (previous.embedder && previous.embedder !== core.embedder) await previous.embedder.dispose()
    for (const table of await ChunkStore.listTables(core.options.dataDir)) {
      if (table !== store.tableName) await ChunkStore.dropTable(core.options.dataDir, table).catch(() => undefined)
    }
    core.statusChanged()
  }
}
