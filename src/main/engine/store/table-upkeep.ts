// Index upkeep of one chunk table: builds its full-text, path and vector indexes, folds new rows into them, compacts and
// drops old versions, on a schedule spaced by table size, apart from the indexer's embedding, and after pending writes.
import type { LanceDbModule, Table } from './lancedb'
import { FTS_COLUMNS } from './schema'
import type { SerialQueue } from './serial-queue'
import { memoryMark } from '../memory-trace'
import { searchSignal } from '../search-signal'
import {
  FTS_INDEX_OPTIONS,
  FULL_TEXT_SCAN_MAX_ROWS,
  fullTextIndexName,
  needsVectorIndex,
  safeCleanupCutoff,
  trainedRowsOf,
  upkeepSpacingMs,
  vectorIndexName,
  vectorIndexOptions
} from './index-policy'

/** When upkeep runs and what it builds (ChunkStoreOptions' share). */
export interface UpkeepOptions {
  /** Index upkeep runs this long after the last write (default 2000 ms). */
  maintenanceDelayMs?: number
  /** ...and at the latest this long after the first write it has not yet covered (default 20000 ms), but never sooner than upkeepSpacingMs after the previous upkeep. */
  maintenanceMaxDelayMs?: number
  /** Minimum time between two upkeeps for a table of `rows` (default upkeepSpacingMs). */
  upkeepSpacingMs?: (rows: number) => number
  /** Rows from which upkeep builds a vector index (default VECTOR_INDEX_MIN_ROWS). */
  vectorIndexMinRows?: number
  /** Table versions younger than this survive cleanup, so queries in flight keep their files (default 60000 ms). */
  versionRetentionMs?: number
}

/** The table an upkeep looks after, and how it shares the table's write queue. */
export interface UpkeepTarget {
  sdk: LanceDbModule
  table: Table
  /** The table's write queue: upkeep runs in it, between writes. */
  writes: SerialQueue
  /** False for a table another process writes, or one of an older schema kept for searching: upkeep never runs. */
  writable: boolean
  /** Another process writes the table: the count of rows outside the full-text index is read each time. */
  othersWrite: boolean
  /** Rows carry no vectors: no vector index. */
  keywordOnly: boolean
  /** Names of the table's full-text indexes (one per indexed column). */
  fullTextIndexNames: readonly string[]
  isClosed: () => boolean
}

const PATH_INDEX_NAME = 'path_idx'
/** Idle cleanups tried after an upkeep at most (each once the versions it left are older than the retention). */
const IDLE_CLEANUP_TRIES = 4
/** Text and path indexes are rebuilt in upkeep once the table has fewer than 1/this of the rows they were built over. */
const INDEX_REBUILD_SHRINK = 2

/** Upkeep of one chunk table: ChunkStore calls rowsChanged() around each write and afterWrite() once it is committed. */
export class TableUpkeep {
  private maintenanceTimer: NodeJS.Timeout | undefined
  private firstUnmaintainedWriteAt: number | null = null
  /** Work running apart from upkeep (see apartFromUpkeep), and whether an upkeep came due meanwhile and waits for it. */
  private upkeepHolds = 0
  private upkeepWaits = false
  /** The last upkeep started (queued behind writes or running), until it ends. */
  private upkeepRunning: Promise<void> | null = null
  /** When the last upkeep finished, and the table size then (its cost, hence the spacing to the next one). */
  private lastUpkeep = { at: 0, rows: 0 }
  /** Drops the versions the last upkeep had to keep (younger than the retention) once they are old enough, when idle. */
  private idleCleanupTimer: NodeJS.Timeout | undefined
  /** Most rows the text and path indexes have covered since they were built: they keep entries of deleted rows. */
  private indexedPeakRows = 0
  /** Full-text indexes exist (they are never dropped once built, so this is cached). */
  private fullTextReady = false
  /** Rows not yet in the full-text index, read after the last write or upkeep (see unindexedRowCount). */
  private unindexedRows: Promise<number> | null = null
  private readonly sdk: LanceDbModule
  private readonly table: Table
  private readonly writes: SerialQueue
  private readonly writable: boolean
  private readonly othersWrite: boolean
  private readonly keywordOnly: boolean
  private readonly fullTextIndexNames: readonly string[]
  private readonly isClosed: () => boolean

  constructor(target: UpkeepTarget, private readonly options: UpkeepOptions) {
    this.sdk = target.sdk
    this.table = target.table
    this.writes = target.writes
    this.writable = target.writable
    this.othersWrite = target.othersWrite
    this.keywordOnly = target.keywordOnly
    this.fullTextIndexNames = target.fullTextIndexNames
    this.isClosed = target.isClosed
  }

  /** The table's rows change (a write starts or ended): the count of rows outside the full-text index is read again. */
  rowsChanged(): void {
    this.unindexedRows = null
  }

  /** After a committed write (inside the write queue): full-text indexes made if missing, the next upkeep scheduled. */
  async afterWrite(): Promise<void> {
    await this.ensureFullTextIndex()
    this.scheduleMaintenance()
  }

  /** Runs the upkeep that writes scheduled, now (once pending writes are done). */
  async runScheduled(): Promise<void> {
    if (this.firstUnmaintainedWriteAt !== null) await this.maintain({ force: true })
  }

  /** Stops the timers (the table is closing; a forced upkeep ran before). */
  stop(): void {
    this.clearMaintenanceTimer()
    this.clearIdleCleanup()
  }

  /**
   * Index upkeep (after pending writes): builds missing indexes, folds new rows into them, compacts, drops old versions.
   * Writes schedule it by themselves; calling this runs it now if the spacing since the last upkeep allows (or `force`),
   * else leaves it to the schedule.
   */
  async maintain(options: { force?: boolean } = {}): Promise<void> {
    if (!this.writable) return
    const force = options.force === true
    if (!force && Date.now() < this.earliestUpkeep()) {
      if (this.firstUnmaintainedWriteAt !== null && !this.maintenanceTimer) this.scheduleMaintenance()
      return
    }
    if (!force && this.upkeepHolds > 0) {
      this.upkeepWaits = true
      return
    }
    await this.startUpkeep()
  }

  /**
   * Upkeep now, whatever the spacing, when keyword search misses rows (more outside the full-text index than it scans, see
   * FULL_TEXT_SCAN_MAX_ROWS); else nothing. For when writing has stopped: a bulk run's last rows become findable by words
   * at once, not at the next upkeep.
   */
  async catchUpKeywords(): Promise<void> {
    if (!this.writable || !(await this.hasFullTextIndex())) return
    if ((await this.unindexedRowCount()) > FULL_TEXT_SCAN_MAX_ROWS) await this.maintain({ force: true })
  }

  /**
   * Runs `work` (the indexer's embedding between its writes) apart from upkeep: once the upkeep in progress, if any, has
   * ended, and with an upkeep that comes due meanwhile started only when no such work runs any more (forced upkeeps
   * excepted). Upkeep (LanceDB's optimize, a vector index build) took +80-310 MB of native memory for a few seconds on five
   * 19 MB notes, and embedding and the streamed note's worker beside it added theirs on top (issue 19.13).
   */
  async apartFromUpkeep<T>(work: () => Promise<T>): Promise<T> {
    while (this.upkeepRunning) await this.upkeepRunning
    this.upkeepHolds++
    try {
      return await work()
    } finally {
      if (--this.upkeepHolds === 0 && this.upkeepWaits) {
        this.upkeepWaits = false
        this.startUpkeep().catch(() => {
          // Upkeep is retried after the next write; searches stay correct without it, only slower.
        })
      }
    }
  }

  /**
   * Rows the full-text index does not cover yet, as its stats say; kept until the next write or upkeep (read each time when
   * another process writes the table).
   */
  unindexedRowCount(): Promise<number> {
    if (this.unindexedRows && !this.othersWrite) return this.unindexedRows
    const name = this.fullTextIndexNames[0]
    const count = name ? this.table.indexStats(name).then((stats) => stats?.numUnindexedRows ?? 0) : Promise.resolve(0)
    this.unindexedRows = count
    count.catch(() => {
      if (this.unindexedRows === count) this.unindexedRows = null
    })
    return count
  }

  /** Whether the table's full-text indexes exist (remembered once they do). */
  async hasFullTextIndex(): Promise<boolean> {
    if (this.fullTextReady) return true
    const names = new Set((await this.table.listIndices()).map((i) => i.name))
    this.fullTextReady = this.fullTextIndexNames.every((n) => names.has(n))
    return this.fullTextReady
  }

  /**
   * The first write creates the full-text indexes at once, so keyword search works from the first row on. Full-text indexes
   * of older tokenizer settings (another name) are dropped first.
   */
  async ensureFullTextIndex(): Promise<void> {
    if (await this.hasFullTextIndex()) return
    if ((await this.table.countRows()) === 0) return
    for (const index of await this.table.listIndices()) {
      if (index.indexType === 'FTS' && !this.fullTextIndexNames.includes(index.name)) await this.table.dropIndex(index.name)
    }
    memoryMark('first full-text index')
    for (const column of FTS_COLUMNS) {
      await this.table.createIndex(column, { config: this.sdk.Index.fts(FTS_INDEX_OPTIONS), name: fullTextIndexName(column), replace: true })
    }
    this.fullTextReady = true
  }

  /** Queues an upkeep behind the pending writes; work apart from upkeep waits for it. */
  private startUpkeep(): Promise<void> {
    this.clearMaintenanceTimer()
    const run = this.writes.run(() => this.maintainNow())
    const running: Promise<void> = run
      .catch(() => undefined)
      .finally(() => {
        if (this.upkeepRunning === running) this.upkeepRunning = null
      })
    this.upkeepRunning = running
    return run
  }

  private async maintainNow(): Promise<void> {
    await searchSignal.settled()
    const wrote = this.firstUnmaintainedWriteAt !== null
    this.firstUnmaintainedWriteAt = null
    this.clearIdleCleanup()
    if (this.isClosed()) return
    const written = await this.table.version()
    const rows = await this.table.countRows()
    const indices = await this.table.listIndices()
    memoryMark(`upkeep ${rows} rows: full-text index`)
    await this.ensureFullTextIndex()
    memoryMark('upkeep: path index')
    this.indexedPeakRows = Math.max(this.indexedPeakRows, rows)
    const shrunk = rows > 0 && rows * INDEX_REBUILD_SHRINK < this.indexedPeakRows
    if (rows > 0 && (shrunk || !indices.some((i) => i.name === PATH_INDEX_NAME))) {
      await this.table.createIndex('path', { config: this.sdk.Index.btree(), name: PATH_INDEX_NAME, replace: true })
    }
    if (shrunk) {
      // Most rows were deleted: indexes rebuilt over what is left are far smaller than indexes that still list the dead rows.
      for (const column of FTS_COLUMNS) {
        await this.table.createIndex(column, { config: this.sdk.Index.fts(FTS_INDEX_OPTIONS), name: fullTextIndexName(column), replace: true })
      }
      this.indexedPeakRows = rows
    }
    memoryMark('upkeep: vector index')
    if (!this.keywordOnly) {
      const vector = indices.find((i) => trainedRowsOf(i.name) !== null)
      const trained = vector ? trainedRowsOf(vector.name) : null
      if (needsVectorIndex(rows, trained, this.options.vectorIndexMinRows)) {
        await this.table.createIndex('vector', { config: this.sdk.Index.ivfRq(vectorIndexOptions(rows)), name: vectorIndexName(rows), replace: true })
        if (vector) await this.table.dropIndex(vector.name)
      }
    }
    memoryMark('upkeep: optimize')
    const retention = this.options.versionRetentionMs ?? 60_000
    await this.table.optimize({ cleanupOlderThan: safeCleanupCutoff(await this.table.listVersions(), Date.now(), retention) })
    // Upkeep that committed nothing (the writes only deleted rows, such as a folder's notes gone before any upkeep saw
    // them) leaves the last write the latest version, and no cleanup drops the latest version's commit record: a delete's
    // holds its whole `path IN (...)` list twice (transaction file and manifest), 2x 18 KB for 400 notes. An empty delete
    // (a few bytes) supersedes it, so the idle cleanup drops it with the other old versions.
    if (wrote && (await this.table.version()) === written) await this.table.delete('false')
    memoryMark('upkeep done')
    this.unindexedRows = null
    this.lastUpkeep = { at: Date.now(), rows }
    this.scheduleIdleCleanup(retention)
  }

  /**
   * Versions younger than the retention survive upkeep (queries in flight may still read them), which left the disk at
   * 2-3x the live table until some later write ran upkeep again. Once they are old enough, one cleanup drops them, unless
   * writes came meanwhile (their own upkeep schedules the next one).
   */
  private scheduleIdleCleanup(retentionMs: number, triesLeft = IDLE_CLEANUP_TRIES): void {
    this.clearIdleCleanup()
    this.idleCleanupTimer = setTimeout(() => {
      this.idleCleanupTimer = undefined
      if (this.isClosed() || this.firstUnmaintainedWriteAt !== null) return
      this.writes
        .run(async () => {
          if (this.isClosed() || (await this.table.listVersions()).length <= 1) return
          await this.table.optimize({ cleanupOlderThan: safeCleanupCutoff(await this.table.listVersions(), Date.now(), retentionMs) })
          // Versions still too young (a slow upkeep or a late write finished just before): try again once they are old enough.
          if (!this.isClosed() && triesLeft > 1 && (await this.table.listVersions()).length > 1) this.scheduleIdleCleanup(retentionMs, triesLeft - 1)
        })
        .catch(() => {
          // Left for the next upkeep; only disk space waits.
        })
    }, retentionMs + 1_000)
    this.idleCleanupTimer.unref()
  }

  private clearIdleCleanup(): void {
    if (this.idleCleanupTimer) clearTimeout(this.idleCleanupTimer)
    this.idleCleanupTimer = undefined
  }

  private earliestUpkeep(): number {
    const spacing = this.options.upkeepSpacingMs ?? upkeepSpacingMs
    return this.lastUpkeep.at + spacing(this.lastUpkeep.rows)
  }

  private scheduleMaintenance(): void {
    const now = Date.now()
    this.firstUnmaintainedWriteAt ??= now
    const delay = this.options.maintenanceDelayMs ?? 2_000
    const maxDelay = this.options.maintenanceMaxDelayMs ?? 20_000
    const due = Math.max(this.earliestUpkeep(), Math.min(now + delay, this.firstUnmaintainedWriteAt + maxDelay))
    this.clearMaintenanceTimer()
    this.maintenanceTimer = setTimeout(() => {
      this.maintenanceTimer = undefined
      if (this.upkeepHolds > 0) {
        this.upkeepWaits = true
        return
      }
      this.startUpkeep().catch(() => {
        // Upkeep is retried after the next write; searches stay correct without it, only slower.
      })
    }, Math.max(0, due - now))
    this.maintenanceTimer.unref()
  }

  private clearMaintenanceTimer(): void {
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer)
    this.maintenanceTimer = undefined
  }
}
