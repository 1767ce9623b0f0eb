// The chunk table of one model (or the keyword-only table): crash-safe serialized writes and lookups; its search legs live in
// search-legs.ts, its index upkeep in table-upkeep.ts.
import { join } from 'node:path'
import { connectLanceDb, loadLanceDb, type Connection, type LanceDbModule, type Table } from './lancedb'
import {
  FTS_COLUMNS,
  SCALAR_COLUMNS,
  chunkSchema,
  decodeTags,
  makeChunkId,
  recordToRow,
  rowsToArrow,
  tableNameFor,
  type ChunkRow
} from './schema'
import { LanguageCache } from './language-cache'
import { SerialQueue } from './serial-queue'
import { memoryMark } from '../memory-trace'
import { searchSignal } from '../search-signal'
import { TagCounter } from './tag-counts'
import { sqlIn, sqlNumber, sqlString } from './sql'
import { SearchLegs, type ChunkCandidate, type LegOptions, type WeightedTerm } from './search-legs'
import { FULL_TEXT_SCAN_MAX_ROWS, fullTextIndexName, trainedRowsOf } from './index-policy'
import { TableUpkeep, type UpkeepOptions } from './table-upkeep'
import { openOrRecreateTable } from './table-open'
import {
  PATHS_PER_STATEMENT,
  chunkIdsByPath,
  directoryBytes,
  languagesByRows,
  listStoredPaths,
  rowsOfPath,
  vectorsForEmbedKeys,
  vectorsWhere,
  type StoredPath
} from './table-reads'

export type { StoredPath } from './table-reads'

export interface ChunkStoreOptions extends UpkeepOptions {
  /** Embedding model id, or null for the keyword-only table (rows without vectors). */
  modelId: string | null
  /** Vector dimension; required with a model. */
  dimension?: number
  /**
   * Another process writes this table (it holds the data dir's lock): never create indexes, recreate, drop or write, and
   * read the latest committed version on every read (LanceDB otherwise keeps the version seen at open, forever).
   */
  readOnly?: boolean
}

/** All rows one file should have after a write (an empty list removes the file). */
export interface FileRows {
  path: string
  rows: ChunkRow[]
}

/** The file-level facts repeated on every chunk row of a file. */
export interface FileFacts {
  path: string
  root: string
  title: string
  ext: string
  lang: string
  contentHash: string
  mtime: number
  size: number
}

/** Index state, for status and the bench. */
export interface IndexState {
  rows: number
  fullText: boolean
  /** Rows the vector index was trained on; null without a vector index. */
  vectorIndexTrainedRows: number | null
  /** Rows not yet covered by the full-text index (searched by a slower scan until upkeep runs). */
  unindexedRows: number
  /** Names of all indexes on the table. */
  indexNames: string[]
}

const RESULT_COLUMNS = SCALAR_COLUMNS.filter((c) => c !== 'content_hash' && c !== 'embed_key' && c !== 'lang')

/** The chunk table for one embedding model; every write goes through one queue. */
export class ChunkStore {
  /** Why the table was recreated at open (schema or dimension mismatch, unreadable table), else undefined. */
  recreatedReason: string | undefined

  private readonly writes = new SerialQueue()
  private readonly legs: SearchLegs
  /** Languages of the rows per SQL filter (see languages()). */
  private readonly languageCache = new LanguageCache((where) => languagesByRows(this.table, where))
  private readonly upkeep: TableUpkeep
  private closed = false
  /** Columns the table has: all of the current layout, fewer in a table of an older schema opened to search from. */
  private readonly resultColumns: string[]
  private readonly scalarColumns: string[]
  /** Full-text indexed columns of this table, and their index names. */
  private readonly fullTextColumns: string[]
  private readonly fullTextIndexNames: string[]
  /** Notes per tag, kept until the next write. */
  private tagCountCache: { tag: string; notes: number }[] | null = null
  /** Bumped before and after every write that can change tags: a count read across a write is not cached. */
  private tagWrites = 0

  private constructor(
    sdk: LanceDbModule,
    private readonly db: Connection,
    private readonly table: Table,
    private readonly dbDir: string,
    /** Name of the LanceDB table (carries schema version and model id). */
    readonly tableName: string,
    /** Model id, or null in keyword-only mode. */
    readonly modelId: string | null,
    /** Vector dimension; 0 in keyword-only mode. */
    readonly dimension: number,
    private readonly options: ChunkStoreOptions,
    columns: ReadonlySet<string> = new Set(SCALAR_COLUMNS),
    /** A table of an older schema, opened to search from until its successor is filled: writes are refused. */
    readonly readOnly = false
  ) {
    this.resultColumns = RESULT_COLUMNS.filter((c) => columns.has(c))
    this.scalarColumns = SCALAR_COLUMNS.filter((c) => columns.has(c))
    this.fullTextColumns = FTS_COLUMNS.filter((c) => columns.has(c))
    this.fullTextIndexNames = this.fullTextColumns.map(fullTextIndexName)
    const upkeep = new TableUpkeep(
      { sdk, table, writes: this.writes, writable: !readOnly && !options.readOnly, othersWrite: options.readOnly === true, keywordOnly: dimension === 0, fullTextIndexNames: this.fullTextIndexNames, isClosed: () => this.closed },
      options
    )
    this.upkeep = upkeep
    this.legs = new SearchLegs(sdk, table, () => upkeep.hasFullTextIndex(), async () => (await upkeep.unindexedRowCount()) <= FULL_TEXT_SCAN_MAX_ROWS, dimension === 0, {
      result: this.resultColumns,
      fullText: this.fullTextColumns
    })
  }

  /**
   * Opens a chunk table of an older schema version as it is, for searching only (no layout check, no writes): existing
   * users keep searching their notes while the table of the current version is filled (facade/format-upgrade.ts).
   */
  static async openReadOnly(dataDir: string, tableName: string, modelId: string | null, dimension: number): Promise<ChunkStore> {
    const sdk = await loadLanceDb()
    const dbDir = join(dataDir, 'lancedb')
    const db = await connectLanceDb(dbDir)
    try {
      const table = await db.openTable(tableName)
      const columns = new Set((await table.schema()).fields.map((f) => f.name))
      return new ChunkStore(sdk, db, table, dbDir, tableName, modelId, columns.has('vector') ? dimension : 0, { modelId }, columns, true)
    } catch (error) {
      db.close()
      throw error
    }
  }

  /** True when the table has the `tags` column (tables older than schema v2 have none: a tag filter then matches nothing). */
  get hasTags(): boolean {
    return this.resultColumns.includes('tags')
  }

  /** Opens (or creates) the chunk table for `options.modelId` under `dataDir/lancedb`; recreates it when its layout does not match. */
  static async open(dataDir: string, options: ChunkStoreOptions): Promise<ChunkStore> {
    const dimension = options.modelId === null ? 0 : (options.dimension ?? 0)
    if (options.modelId !== null && !(Number.isInteger(dimension) && dimension > 0)) {
      throw new Error(`a model table needs a positive vector dimension, got ${options.dimension}`)
    }
    const dbDir = join(dataDir, 'lancedb')
    const sdk = await loadLanceDb()
    const readOnly = options.readOnly === true
    const db = await connectLanceDb(dbDir, readOnly ? { readConsistencyInterval: 0 } : {})
    const name = tableNameFor(options.modelId)
    let opened: Awaited<ReturnType<typeof openOrRecreateTable>>
    try {
      opened = await openOrRecreateTable(db, dbDir, name, chunkSchema(dimension), readOnly)
    } catch (error) {
      db.close()
      throw error
    }
    const { table, recreatedReason } = opened
    const store = new ChunkStore(sdk, db, table, dbDir, name, options.modelId, dimension, options)
    store.recreatedReason = recreatedReason
    // A table full-text indexed with older settings is re-indexed in the background (keyword search finds nothing meanwhile).
    if (!readOnly && !(await store.upkeep.hasFullTextIndex())) {
      store.writes.run(() => store.upkeep.ensureFullTextIndex()).catch(() => {
        // Retried by the next write or upkeep.
      })
    }
    return store
  }

  /** Names of the chunk tables under `dataDir` (for dropping tables of models no longer used). */
  static async listTables(dataDir: string): Promise<string[]> {
    const db = await connectLanceDb(join(dataDir, 'lancedb'))
    try {
      return (await db.tableNames()).filter((n) => n.startsWith('chunks_'))
    } finally {
      db.close()
    }
  }

  /** Deletes a chunk table that is not open (e.g. the keyword-only table once the model table is complete). */
  static async dropTable(dataDir: string, tableName: string): Promise<void> {
    const db = await connectLanceDb(join(dataDir, 'lancedb'))
    try {
      if ((await db.tableNames()).includes(tableName)) await db.dropTable(tableName)
    } finally {
      db.close()
    }
  }

  /** True when rows carry no vectors (no model). */
  get keywordOnly(): boolean {
    return this.dimension === 0
  }

  // ---- writes (serialized; each is one atomic commit) ----

  /**
   * Makes each file's rows exactly `rows`, for several files in one commit: a reader sees either the old or the new rows
   * of a file, never both or neither, and a crash leaves the old rows. Rows keep their vectors as given.
   */
  async replaceFiles(files: readonly FileRows[]): Promise<void> {
    if (files.length === 0) return
    const paths = [...new Set(files.map((f) => f.path))]
    if (paths.length !== files.length) throw new Error('replaceFiles got the same path twice')
    const rows = files.flatMap((f) => f.rows)
    const ids = new Set<string>()
    for (const file of files) {
      for (const row of file.rows) {
        if (row.path !== file.path) throw new Error(`row ${row.id} has path ${row.path}, expected ${file.path}`)
        if (ids.has(row.id)) throw new Error(`duplicate chunk id ${row.id}`)
        ids.add(row.id)
      }
    }
    memoryMark(`write ${files.length} files ${rows.length} rows`)
    await this.write(() =>
      this.changingTags(async () => {
        const where = sqlIn('path', paths)
        this.languageCache.written(rows.map((row) => row.lang))
        // Built here, once no search runs (see write): a batch's Arrow rows take the engine thread for milliseconds.
        const data = rows.length > 0 ? rowsToArrow(rows, this.dimension) : null
        if (!data) {
          await this.table.delete(where)
          return
        }
        // A file with no rows yet needs only an append (one commit, cheap); otherwise one merge replaces old rows atomically.
        if ((await this.table.countRows(where)) === 0) await this.table.add(data)
        else {
          await this.table
            .mergeInsert('id')
            .whenMatchedUpdateAll()
            .whenNotMatchedInsertAll()
            .whenNotMatchedBySourceDelete({ where })
            .execute(data)
        }
      })
    )
    memoryMark('written')
  }

  /**
   * Makes a large file's rows exactly the rows of `parts`, one commit per part, so what a write holds follows a part, not
   * the file. The part holding ordinal 0 comes last, and with it the old version's remaining
   * rows are deleted. Until then the file's rows are visibly incomplete: a new file lacks ordinal 0 (a gap), a replaced one
   * holds rows of two content hashes. listPaths reports either as damaged, so a crash between parts is repaired at the next
   * open (the rows deleted, the note indexed again). Searches meanwhile may see part of the new version beside the old one.
   * The others come last first (a note chunked whole) or in order (a note streamed a segment at a time), each next to the
   * parts before it. A part that fails leaves the file with no rows (best effort) and rethrows.
   */
  async replaceFileInParts(path: string, contentHash: string, parts: AsyncIterable<ChunkRow[]>): Promise<void> {
    const where = `path = ${sqlString(path)}`
    let replacing: boolean | undefined
    /** Ordinals [low, high) written so far. */
    let low: number | undefined
    let high = 0
    try {
      for await (const rows of parts) {
        const first = rows[0]?.ordinal
        if (first === undefined) throw new Error('replaceFileInParts got an empty part')
        if (rows.some((row, i) => row.path !== path || row.contentHash !== contentHash || row.ordinal !== first + i)) {
          throw new Error(`a part of ${path} has rows of another file, version or order`)
        }
        if (low === 0) throw new Error(`the part of ${path} holding ordinal 0 must come last`)
        if (low !== undefined && first + rows.length !== low && first !== high) throw new Error(`parts of ${path} must each be next to the parts before, without gaps`)
        if (low === undefined || first === high) high = first + rows.length
        low = Math.min(low ?? first, first)
        await this.write(() =>
          this.changingTags(async () => {
            this.languageCache.written(rows.map((row) => row.lang))
            const data = rowsToArrow(rows, this.dimension)
            if (replacing === undefined) {
              // Rows of this very version (an attempt that failed) could not be told from the ones written now: start clean.
              if ((await this.table.countRows(`${where} AND content_hash = ${sqlString(contentHash)}`)) > 0) await this.table.delete(where)
              replacing = (await this.table.countRows(where)) > 0
            }
            if (!replacing) await this.table.add(data)
            else {
              const merge = this.table.mergeInsert('id').whenMatchedUpdateAll().whenNotMatchedInsertAll()
              const last = first === 0 ? merge.whenNotMatchedBySourceDelete({ where: `${where} AND content_hash <> ${sqlString(contentHash)}` }) : merge
              await last.execute(data)
            }
          })
        )
        memoryMark(`part written from ${first}`)
      }
      if (low !== 0) throw new Error(`the parts of ${path} did not reach ordinal 0`)
    } catch (error) {
      await this.write(() => this.changingTags(() => this.table.delete(where))).catch(() => undefined)
      throw error
    }
  }

  /** Makes the rows of one file exactly `rows` (see replaceFiles). */
  async replaceFile(path: string, rows: ChunkRow[]): Promise<void> {
    await this.replaceFiles([{ path, rows }])
  }

  /** Removes every row of these files. */
  async deleteFiles(paths: readonly string[]): Promise<void> {
    const unique = [...new Set(paths)]
    if (unique.length === 0) return
    await this.write(() =>
      this.changingTags(async () => {
        for (let i = 0; i < unique.length; i += PATHS_PER_STATEMENT) {
          await this.table.delete(sqlIn('path', unique.slice(i, i + PATHS_PER_STATEMENT)))
        }
      })
    )
  }

  /** Files the rows of root `from` under root `to` (a folder containing it became a root), keeping text and vectors. */
  async moveRoot(from: string, to: string): Promise<void> {
    await this.write(() => this.table.update({ where: `root = ${sqlString(from)}`, values: { root: to } }))
  }

  /** Removes every row under a watched root. */
  async deleteRoot(root: string): Promise<void> {
    await this.write(() => this.changingTags(() => this.table.delete(`root = ${sqlString(root)}`)))
  }

  /**
   * Moves a file's rows to `to.path` with new file facts, keeping text and vectors, in one commit (rows already at the
   * target are replaced). Chunk ids are recomputed for the new path. Returns the new ids in note order ([] if `from` has no rows).
   */
  async renamePath(from: string, to: FileFacts): Promise<string[]> {
    return this.write(async () => {
      const rows = (await this.table.query().where(`path = ${sqlString(from)}`).toArray()).map(recordToRow)
      if (rows.length === 0) return []
      rows.sort((a, b) => a.ordinal - b.ordinal)
      const moved = rows.map((row) => ({ ...row, ...to, id: makeChunkId(to.path, row.ordinal, row.embedKey) }))
      await this.table
        .mergeInsert('id')
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .whenNotMatchedBySourceDelete({ where: sqlIn('path', [from, to.path]) })
        .execute(rowsToArrow(moved, this.dimension))
      return moved.map((r) => r.id)
    })
  }

  /** Records a new modification time and size for a file whose content did not change. */
  async touchFile(path: string, facts: { mtime: number; size: number }): Promise<void> {
    await this.write(() =>
      this.table.update({
        where: `path = ${sqlString(path)}`,
        valuesSql: { mtime: sqlNumber(facts.mtime), size: sqlNumber(facts.size) }
      })
    )
  }

  // ---- reads ----

  /** The table version read last (in a read-only store: the latest one committed by any process). */
  async version(): Promise<number> {
    return this.table.version()
  }

  /** Rows in the table (optionally matching a SQL filter). */
  async countRows(where?: string): Promise<number> {
    return this.table.countRows(where)
  }

  /** Every file with rows, with its content hash and chunk ids (for the manifest and consistency checks). */
  listPaths(): Promise<StoredPath[]> {
    return listStoredPaths(this.table)
  }

  /** Chunk ids per file in note order, for the given files (all files when omitted). */
  chunkIdsByPath(paths?: readonly string[]): Promise<Map<string, string[]>> {
    return chunkIdsByPath(this.table, paths)
  }

  /** All rows of one file in note order; vectors included unless `withVectors` is false. */
  rowsOf(path: string, withVectors = true): Promise<ChunkRow[]> {
    return rowsOfPath(this.table, path, !withVectors || this.keywordOnly ? this.scalarColumns : null)
  }

  /** A file's stored vectors keyed by embedKey, so unchanged chunks of a new version need no embedding. */
  async vectorsByEmbedKey(path: string): Promise<Map<string, Float32Array>> {
    return this.keywordOnly ? new Map() : vectorsWhere(this.table, `path = ${sqlString(path)}`)
  }

  /**
   * How many notes carry each tag, most used first (then by name); a nested tag ("area/sub") counts for its parents too,
   * as the tag filter matches them. Tags are grouped case-insensitively under their most frequent spelling.
   */
  async tagCounts(): Promise<{ tag: string; notes: number }[]> {
    if (!this.hasTags) return []
    if (this.tagCountCache) return this.tagCountCache
    const writesBefore = this.tagWrites
    const counter = new TagCounter()
    for await (const batch of this.table.query().where(`ordinal = 0 AND tags <> ''`).select(['path', 'tags'])) {
      const paths = batch.getChild('path')!
      const tags = batch.getChild('tags')!
      for (let i = 0; i < batch.numRows; i++) counter.add(paths.get(i) as string, decodeTags(tags.get(i)))
    }
    const counts = counter.counts()
    if (this.tagWrites === writesBefore) this.tagCountCache = counts
    return counts
  }

  /**
   * Runs a write that may change tags. The cached counts are forgotten before and after it, and a count read while it
   * ran is not cached: that count may have seen the table before the write committed.
   */
  private async changingTags<T>(write: () => Promise<T>): Promise<T> {
    this.tagCountCache = null
    this.tagWrites++
    try {
      return await write()
    } finally {
      this.tagCountCache = null
      this.tagWrites++
    }
  }

  /** Stored vectors by embed key, for any file (a table being replaced hands its vectors to its successor). */
  async vectorsForEmbedKeys(keys: readonly string[]): Promise<Map<string, Float32Array>> {
    return this.keywordOnly || keys.length === 0 ? new Map() : vectorsForEmbedKeys(this.table, keys)
  }

  /** Bytes on disk of every chunk table (including old versions not yet cleaned up). */
  async diskBytes(): Promise<number> {
    return directoryBytes(this.dbDir)
  }

  /** What is indexed right now. */
  async indexState(): Promise<IndexState> {
    const indices = await this.table.listIndices()
    const text = indices.find((i) => i.name === this.fullTextIndexNames[0])
    const stats = text ? await this.table.indexStats(text.name) : undefined
    const vector = indices.find((i) => trainedRowsOf(i.name) !== null)
    return {
      rows: await this.table.countRows(),
      fullText: this.fullTextIndexNames.every((n) => indices.some((i) => i.name === n)),
      vectorIndexTrainedRows: vector ? trainedRowsOf(vector.name) : null,
      unindexedRows: stats?.numUnindexedRows ?? 0,
      indexNames: indices.map((i) => i.name).sort()
    }
  }

  /**
   * Loads the indexes into memory so the first search after start does not pay for reading them (best effort: an index
   * type that cannot be prewarmed is skipped).
   */
  async prewarm(): Promise<void> {
    for (const index of await this.table.listIndices()) await this.table.prewarmIndex(index.name).catch(() => undefined)
  }

  // ---- search legs (search-legs.ts) ----

  /** Full-text leg (see SearchLegs.keywordSearch); `translations` are searched beside the query's words. */
  keywordSearch(query: string, options: LegOptions, translations?: readonly WeightedTerm[]): Promise<ChunkCandidate[]> {
    return this.legs.keywordSearch(query, options, translations)
  }

  /**
   * The languages of the notes (BCP 47 primary subtags, lower-case, "und" left out), optionally of those matching a SQL
   * filter; most rows first. Cached across writes that bring no new language (see LanguageCache).
   */
  languages(where?: string): Promise<string[]> {
    return this.languageCache.get(where)
  }

  /** Vector leg (see SearchLegs.vectorSearch). [] in keyword-only mode. */
  vectorSearch(vector: Float32Array, options: LegOptions): Promise<ChunkCandidate[]> {
    return this.legs.vectorSearch(vector, options)
  }

  /** The query's content terms as the full-text index sees them (see SearchLegs.indexTerms). */
  indexTerms(query: string): Promise<string[]> {
    return this.legs.indexTerms(query)
  }

  /** The normalized mean of a file's chunk vectors, or null when it has none (keyword-only or unknown file). */
  async meanVectorOf(path: string): Promise<Float32Array | null> {
    const vectors = [...(await this.vectorsByEmbedKey(path)).values()]
    if (vectors.length === 0) return null
    const mean = new Float32Array(this.dimension)
    for (const v of vectors) for (let i = 0; i < mean.length; i++) mean[i]! += v[i]!
    const norm = Math.hypot(...mean)
    if (norm === 0) return null
    for (let i = 0; i < mean.length; i++) mean[i]! /= norm
    return mean
  }

  // ---- index upkeep (table-upkeep.ts) ----

  /** Index upkeep now if the spacing since the last one allows, or `force` (see TableUpkeep.maintain). */
  maintain(options: { force?: boolean } = {}): Promise<void> {
    return this.upkeep.maintain(options)
  }

  /** Upkeep now when keyword search misses rows (see TableUpkeep.catchUpKeywords). */
  catchUpKeywords(): Promise<void> {
    return this.upkeep.catchUpKeywords()
  }

  /** Runs `work` (the indexer's embedding) apart from upkeep (see TableUpkeep.apartFromUpkeep). */
  apartFromUpkeep<T>(work: () => Promise<T>): Promise<T> {
    return this.upkeep.apartFromUpkeep(work)
  }

  /** Waits for queued writes, then runs any upkeep they scheduled, now. */
  async flush(): Promise<void> {
    await this.writes.idle()
    await this.upkeep.runScheduled()
  }

  /** Finishes queued writes and upkeep, then closes the table. */
  async close(): Promise<void> {
    if (this.closed) return
    await this.flush()
    this.closed = true
    this.upkeep.stop()
    this.table.close()
    this.db.close()
  }

  private async write<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('chunk store is closed')
    if (this.readOnly) throw new Error(`chunk table ${this.tableName} is read-only (an older schema, kept for searching)`)
    if (this.options.readOnly) throw new Error('this chunk store is read-only: another process indexes')
    return this.writes.run(async () => {
      // Writes are background work: each starts once no search runs (see search-signal.ts).
      await searchSignal.settled()
      this.languageCache.changed()
      this.upkeep.rowsChanged()
      const result = await operation()
      this.languageCache.changed()
      this.upkeep.rowsChanged()
      await this.upkeep.afterWrite()
      return result
    })
  }
}
