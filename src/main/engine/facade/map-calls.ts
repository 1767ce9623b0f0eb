// The map calls: the notes' layout (map/map-service.ts) fed from the engine's table and manifest, and a query placed on it.
import type { MapPoint, MapQuality, MapRequest, MapView } from '../../../shared/map'
import { guessLanguage } from '../extract/lang'
import { MapService } from '../map/map-service'
import { ChunkStore } from '../store/chunk-store'
import type { EngineCore } from './engine-core'
import type { SearchCalls } from './search-calls'

/** The map of the notes in `core`'s current table; its background work steps aside while searches run (search-signal.ts). */
export class MapCalls {
  private readonly service: MapService

  constructor(
    private readonly core: EngineCore,
    private readonly searches: SearchCalls
  ) {
    this.service = new MapService({
      dataDir: core.options.dataDir,
      table: () => (core.embedder && core.store?.modelId ? { name: core.store.tableName, modelId: core.store.modelId, dimension: core.embedder.dimension } : null),
      notes: () => {
        const missing = new Set([...core.roots].filter(([, r]) => r.state === 'missing').map(([path]) => path))
        return [...(core.indexer?.manifest.values() ?? [])].filter((file) => !missing.has(file.root))
      },
      liveTables: () => ChunkStore.listTables(core.options.dataDir),
      emit: (event) => core.emit('mapProgress', event)
    })
  }

  view(request: MapRequest | undefined): Promise<MapView> {
    return this.service.view({ ...(request?.wait ? { wait: true } : {}) })
  }

  /** Where `query` falls on the map, or null without a model. */
  async locate(query: unknown): Promise<MapPoint | null> {
    const embedder = this.core.embedder
    if (typeof query !== 'string' || query.trim() === '' || !embedder) return null
    return this.service.locate(await this.searches.queryVector(embedder, query), await guessLanguage(query))
  }

  quality(): Promise<MapQuality> {
    return this.service.quality()
  }

  close(): Promise<void> {
    return this.service.close()
  }
}
