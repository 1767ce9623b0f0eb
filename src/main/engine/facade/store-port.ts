// What the engine needs from the store and search modules beyond the indexer's port (adapted in store-adapter.ts).
import type { NoteHit, SearchRequest, SearchResponse, TagCount } from '../../../shared/types'
import type { ChunkStorePort } from '../index/ports'

/** One row's identity, for the consistency check. */
export interface RowKey {
  id: string
  path: string
  root: string
  contentHash: string
  mtime: number
  size: number
  ordinal: number
}

/** The chunk table of one model (or keyword-only) with search over it. */
export interface EngineStore extends ChunkStorePort {
  /** Model id of the table, null for keyword-only. */
  readonly modelId: string | null
  /** Name of the LanceDB table in use. */
  readonly tableName: string
  /**
   * Runs a search; `queryVector` is null when no model is ready (keyword leg only). `scoreSentences` rates sentences by
   * closeness to the query, for the best-sentence highlight of hits found by meaning alone.
   */
  search(request: SearchRequest, queryVector: Float32Array | null, scoreSentences?: (sentences: string[]) => Promise<number[]>): Promise<SearchResponse>
  /** Notes closest in meaning to the note at `path`. */
  related(path: string, limit: number): Promise<NoteHit[]>
  /** Stored vectors by embed key, whatever file they belong to. */
  vectorsForEmbedKeys(keys: readonly string[]): Promise<Map<string, Float32Array>>
  /** Notes per tag (nested tags counted for their parents too), most used first. */
  tagCounts(): Promise<TagCount[]>
  /** Every row's identity (no text, no vectors). */
  rowKeys(): Promise<RowKey[]>
  /** Chunk ids the store would give these chunks of this file (for the consistency check). */
  expectedChunkIds(path: string, embedKeys: string[]): string[]
  /** The table version read last (read-only stores follow the writer's latest). */
  version(): Promise<number>
  /** Index upkeep after writes (FTS/vector index refresh, compaction); cheap when nothing changed. `force` skips the spacing between runs. */
  maintain(options?: { force?: boolean }): Promise<void>
  /** Upkeep now when keyword search misses rows not yet in its index (after a bulk run); else nothing (ChunkStore.catchUpKeywords). */
  catchUpKeywords(): Promise<void>
  /** Runs `work` (embedding) while no upkeep runs: after the one in progress, holding back one that comes due meanwhile. */
  apartFromUpkeep<T>(work: () => Promise<T>): Promise<T>
  /** Why the store had to rebuild on open (damaged folder), if it did. */
  readonly rebuiltBecause?: string
  close(): Promise<void>
}
