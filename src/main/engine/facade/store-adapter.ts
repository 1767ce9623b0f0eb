// Adapts STORE's ChunkStore (and its search) to the engine's ports: rows from prepared chunks, manifest, search, related.
import type { NoteHit, SearchRequest, SearchResponse, TagCount } from '../../../shared/types'
import type { FileFacts, FilePart, FileWrite, PreparedChunk, StoredFile } from '../index/ports'
import { ChunkStore, type ChunkStoreOptions } from '../store/chunk-store'
import { withStraightApostrophes } from '../store/apostrophes'
import { makeChunkId, type ChunkRow } from '../store/schema'
import type { EngineStore, RowKey } from './store-port'
import { relatedNotes, searchChunks } from '../search/search-chunks'
import type { QueryLexiconSource } from '../lexicon/query-lexicon'

/**
 * Opens the chunk table for the embedder's model (keyword-only when there is none) under `dataDir`; `readOnly` while
 * another process writes it. `lexicon`: the query-translation lexicon its keyword leg uses.
 */
export async function openEngineStore(
  dataDir: string,
  embedder: { id: string; dimension: number } | null,
  readOnly = false,
  lexicon?: QueryLexiconSource,
  tuning: Pick<ChunkStoreOptions, 'versionRetentionMs'> = {}
): Promise<EngineStore> {
  const model = embedder ? { modelId: embedder.id, dimension: embedder.dimension } : { modelId: null }
  const store = await ChunkStore.open(dataDir, { ...model, readOnly, ...tuning })
  return new ChunkStoreAdapter(store, lexicon)
}

/** Opens a chunk table of an older schema, read-only, to search until its successor is filled (format-upgrade.ts). */
export async function openPreviousEngineStore(
  dataDir: string,
  tableName: string,
  embedder: { id: string; dimension: number } | null,
  lexicon?: QueryLexiconSource
): Promise<EngineStore> {
  return new ChunkStoreAdapter(await ChunkStore.openReadOnly(dataDir, tableName, embedder?.id ?? null, embedder?.dimension ?? 0), lexicon)
}

class ChunkStoreAdapter implements EngineStore {
  readonly modelId: string | null
  readonly tableName: string
  readonly rebuiltBecause: string | undefined

  constructor(
    private readonly store: ChunkStore,
    private readonly lexicon: QueryLexiconSource | undefined
  ) {
    this.modelId = store.modelId
    this.tableName = store.tableName
    this.rebuiltBecause = store.recreatedReason ? `index table was rebuilt from the notes: ${store.recreatedReason}` : undefined
  }

  listFiles(): Promise<StoredFile[]> {
    return this.store.listPaths()
  }

  async writeBatch(files: FileWrite[], renames: { from: string; to: FileFacts }[]): Promise<{ files: string[][]; renames: string[][] }> {
    const fileRows = files.map(({ facts, chunks, vectors }) => rowsOf(facts, chunks, vectors))
    const movedRows: ChunkRow[][] = []
    for (const { from, to } of renames) {
      const rows = await this.store.rowsOf(from, !this.store.keywordOnly)
      movedRows.push(rows.map((row) => ({ ...row, ...to, id: makeChunkId(to.path, row.ordinal, row.embedKey) })))
    }
    await this.store.replaceFiles([
      ...files.map(({ facts }, i) => ({ path: facts.path, rows: fileRows[i] })),
      ...renames.map(({ to }, i) => ({ path: to.path, rows: movedRows[i] })),
      ...renames.map(({ from }) => ({ path: from, rows: [] }))
    ])
    return { files: fileRows.map((rows) => rows.map((r) => r.id)), renames: movedRows.map((rows) => rows.map((r) => r.id)) }
  }

  async writeFileInParts(facts: FileFacts, parts: AsyncIterable<FilePart>): Promise<string[]> {
    const ids: string[] = []
    async function* rowsOfParts(): AsyncGenerator<ChunkRow[]> {
      for await (const { first, chunks, vectors } of parts) {
        const rows = rowsOf(facts, chunks, vectors, first)
        rows.forEach((row) => (ids[row.ordinal] = row.id))
        yield rows
      }
    }
    await this.store.replaceFileInParts(facts.path, facts.contentHash, rowsOfParts())
    return ids
  }

  touchFile(path: string, mtime: number, size: number): Promise<void> {
    return this.store.touchFile(path, { mtime, size })
  }

  deleteFiles(paths: string[]): Promise<void> {
    return this.store.deleteFiles(paths)
  }

  moveRoot(from: string, to: string): Promise<void> {
    return this.store.moveRoot(from, to)
  }

  vectorsOf(path: string): Promise<Map<string, Float32Array>> {
    return this.store.vectorsByEmbedKey(path)
  }

  vectorsForEmbedKeys(keys: readonly string[]): Promise<Map<string, Float32Array>> {
    return this.store.vectorsForEmbedKeys(keys)
  }

  tagCounts(): Promise<TagCount[]> {
    return this.store.tagCounts()
  }

  search(request: SearchRequest, queryVector: Float32Array | null, scoreSentences?: (sentences: string[]) => Promise<number[]>): Promise<SearchResponse> {
    const lexicon = this.lexicon
    return searchChunks(this.store, { ...request, queryVector }, { ...(scoreSentences ? { scoreSentences } : {}), ...(lexicon ? { lexicon: () => lexicon.get() } : {}) })
  }

  related(path: string, limit: number): Promise<NoteHit[]> {
    return relatedNotes(this.store, path, { limit })
  }

  async rowKeys(): Promise<RowKey[]> {
    const files = await this.store.listPaths()
    return files.flatMap((f) => f.chunkIds.map((id, ordinal) => ({ id, path: f.path, root: f.root, contentHash: f.contentHash, mtime: f.mtime, size: f.size, ordinal })))
  }

  expectedChunkIds(path: string, embedKeys: string[]): string[] {
    return embedKeys.map((key, ordinal) => makeChunkId(path, ordinal, key))
  }

  version(): Promise<number> {
    return this.store.version()
  }

  catchUpKeywords(): Promise<void> {
    return this.store.catchUpKeywords()
  }

  maintain(options?: { force?: boolean }): Promise<void> {
    return this.store.maintain(options)
  }

  apartFromUpkeep<T>(work: () => Promise<T>): Promise<T> {
    return this.store.apartFromUpkeep(work)
  }

  close(): Promise<void> {
    return this.store.close()
  }
}

/** Table rows for one file's chunks (ids derive from path, position and what was embedded). */
function rowsOf(file: FileFacts, chunks: PreparedChunk[], vectors: Float32Array[] | null, firstOrdinal = 0): ChunkRow[] {
  return chunks.map((chunk, index) => rowOf(file, chunk, firstOrdinal + index, vectors?.[index]))
}

/**
 * The table row of chunk number `ordinal` of a file. Its title, text and aliases are stored (so shown and searched) with
 * straight apostrophes in words (see withStraightApostrophes); what was embedded stays as the note writes it.
 */
function rowOf(file: FileFacts, chunk: PreparedChunk, ordinal: number, vector: Float32Array | undefined): ChunkRow {
  return {
    ...file,
    title: withStraightApostrophes(file.title),
    id: makeChunkId(file.path, ordinal, chunk.embedKey),
    heading: chunk.heading,
    text: withStraightApostrophes(chunk.text),
    ordinal,
    lineStart: chunk.lineStart,
    lineEnd: chunk.lineEnd,
    ...(chunk.page ? { page: chunk.page } : {}),
    ...(chunk.tags?.length ? { tags: chunk.tags } : {}),
    ...(chunk.aliases?.length ? { aliases: chunk.aliases.map(withStraightApostrophes) } : {}),
    embedKey: chunk.embedKey,
    ...(vector ? { vector } : {})
  }
}
