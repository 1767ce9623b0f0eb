// The engine facade: open/close, every EngineCalls entry, typed events. Its parts live in facade/ (roots, status, notes, model, search).
import { SemnoteError } from '../../shared/errors'
import type { EngineCallName, EngineCalls, EngineEventName, EngineEvents, EngineOptions } from './contract'
import { checkConsistency, type ConsistencyReport } from './facade/consistency'
import { join } from 'node:path'
import { stat } from 'node:fs/promises'
import { ensureDataDir } from './facade/data-dir'
import { lockDataDir } from './facade/data-lock'
import { MapCalls } from './facade/map-calls'
import { EngineCore, type EngineInternals } from './facade/engine-core'
import { IndexLifecycle } from './facade/index-lifecycle'
import { ModelCalls } from './facade/model-calls'
import { NoteCalls } from './facade/note-calls'
import { isDirectory } from './facade/note-paths'
import { abortRootScans, RootWork } from './facade/roots'
import { SearchCalls } from './facade/search-calls'
import { readState, STATE_FILE } from './facade/state-file'
import { StatusReport } from './facade/status-report'
import { StorageGuard } from './facade/storage-guard'
import { writerBusy } from './facade/writer-view'
import { storageError } from './facade/storage-errors'
import { ChunkStore } from './store/chunk-store'
import { memoryMark } from './memory-trace'
import { searchSignal } from './search-signal'

export type { EngineInternals } from './facade/engine-core'

/** Calls a user waits on: background work (indexing, the map) steps aside while they run (mapLocate is not one: it needs that worker). */
const SEARCH_CALLS: ReadonlySet<EngineCallName> = new Set(['search', 'related', 'highlightSentence'])

/** The note search engine, in-process. Hosts: CLI, tests, Electron's utilityProcess. */
export class Engine {
  private readonly core: EngineCore
  private readonly statusReport: StatusReport
  private readonly index: IndexLifecycle
  private readonly roots: RootWork
  private readonly notes: NoteCalls
  private readonly models: ModelCalls
  private readonly searches: SearchCalls
  private readonly guard: StorageGuard
  private readonly map: MapCalls
  /** Read-only engines: the state file and table version last followed (see followWriter). */
  private followed = { stateStamp: '', tableVersion: -1 }
  private following: Promise<void> = Promise.resolve()

  private constructor(options: EngineOptions, internals: EngineInternals) {
    this.core = new EngineCore(options, internals)
    this.statusReport = new StatusReport(this.core)
    const status = () => this.statusReport.status()
    this.index = new IndexLifecycle(this.core, {
      admits: (root, path) => this.roots.admits(root, path),
      rootPresent: (root) => this.roots.present(root),
      onFailure: (error) => this.guard.onIndexerFailure(error),
      onRecovered: () => this.guard.onRecovered()
    })
    this.roots = new RootWork(this.core, status)
    this.notes = new NoteCalls(this.core, status)
    this.models = new ModelCalls(this.core, this.index, this.roots)
    this.searches = new SearchCalls(this.core)
    this.guard = new StorageGuard(this.core, this.index, this.roots)
    this.map = new MapCalls(this.core, this.searches)
  }

  /**
   * Opens the index in `options.dataDir`, loads the model if one is found, and resumes the saved roots. Storage problems
   * (not a folder, cannot be created, read-only, disk full) fail with a typed error that says what to do.
   */
  static async open(options: EngineOptions, internals: EngineInternals = {}): Promise<Engine> {
    const engine = new Engine(options, internals)
    try {
      await engine.start()
    } catch (error) {
      await engine.abandon()
      throw storageError(error, options.dataDir) ?? error
    }
    return engine
  }

  /** Answers one call; failures are SemnoteErrors with a stable code. */
  async call<K extends EngineCallName>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]> {
    if (this.core.closed) throw new SemnoteError('ENGINE_UNAVAILABLE', 'The engine is closed.')
    const handler = this.handlers[name] as (arg: EngineCalls[K][0]) => Promise<EngineCalls[K][1]>
    if (!handler) throw new SemnoteError('INVALID_PAYLOAD', `Unknown engine call: ${String(name)}`)
    try {
      if (!this.core.writes) await this.followWriter(name === 'status' || name === 'listNotes')
      return await (SEARCH_CALLS.has(name) ? searchSignal.whileSearching(() => handler(arg)) : handler(arg))
    } catch (error) {
      throw await this.guard.forCall(error)
    }
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    this.core.events.on(event, listener)
    return () => this.core.events.off(event, listener)
  }

  /**
   * Stops watching and indexing (the batch in flight is committed, scans in progress are abandoned: the next open scans
   * again), closes the store and the model.
   */
  async close(): Promise<void> {
    const core = this.core
    if (core.closed) return
    core.closed = true
    this.statusReport.stop()
    this.index.stop()
    this.guard.stop()
    await this.map.close()
    abortRootScans(core.roots.values())
    await core.watcher?.close()
    await Promise.allSettled([...core.roots.values()].map((r) => r.scan))
    await this.guard.settled()
    await core.indexer.close()
    core.prepareLease?.release()
    await this.statusReport.flushReports()
    await this.statusReport.withdrawActivity()
    await core.store.close().catch(() => undefined) // its last upkeep may fail on a full or read-only disk; the rows are committed
    await core.embedder?.dispose()
    if (core.searchFrom) {
      await core.searchFrom.store.close()
      if (core.searchFrom.embedder !== core.embedder) await core.searchFrom.embedder?.dispose()
    }
    await core.releaseLock?.()
    core.events.removeAllListeners()
  }

  /** Resolves when every scan has finished and nothing is queued, or indexing waits for a storage fault (for the CLI and tests). */
  async whenIdle(): Promise<void> {
    do {
      await this.guard.settled()
      await this.core.indexingIdle()
    } while (this.guard.busy)
    await this.core.switching
  }

  /**
   * Resolves when indexing is idle and the search indexes are up to date (upkeep run now rather than on its timer), so the
   * queries that follow see one fixed index: for evaluation, benchmarks and the CLI. Rejects with the storage fault that
   * stopped indexing, if one did.
   */
  async whenSettled(): Promise<void> {
    await this.whenIdle()
    if (this.core.fault) throw this.core.fault
    await this.index.maintainNow().catch((error: unknown) => {
      throw storageError(error, this.core.options.dataDir) ?? error
    })
  }

  /**
   * Verifies the table against the files on disk (semnote check). A process that only reads cannot judge an index another
   * process is writing: it then reports `busy` instead of problems.
   */
  async check(): Promise<ConsistencyReport> {
    await this.whenIdle()
    const core = this.core
    const writerBefore = core.writes ? null : await this.statusReport.writer()
    const busyBefore = writerBusy(writerBefore, null, core.options.dataDir)
    if (busyBefore) return { ok: false, filesOnDisk: 0, filesInIndex: 0, rows: 0, problems: [], busy: busyBefore }
    if (!core.writes) {
      await this.followWriter(false) // roots and single files as the indexing process saved them
      await this.index.reopen() // the table as it is now, not as it was when this process opened it
    }
    const report = await checkConsistency({
      store: core.store,
      manifest: core.indexer.manifest,
      roots: [...core.roots].filter(([, r]) => r.state !== 'missing').map(([path]) => ({ path, rules: this.roots.rulesFor(path) })),
      missingRoots: [...core.roots].filter(([, r]) => r.state === 'missing').map(([path]) => path),
      files: core.state.files,
      skipped: new Set(core.indexer.skipped.keys()),
      prepare: core.prepareStep(),
      maxFileBytes: core.maxFileBytes,
      search: (query) => this.searches.search({ query, mode: 'keyword', limit: 5 })
    })
    const busyAfter = core.writes ? null : writerBusy(await this.statusReport.writer(), writerBefore, core.options.dataDir)
    return busyAfter ? { ok: false, filesOnDisk: 0, filesInIndex: 0, rows: 0, problems: [], busy: busyAfter } : report
  }

  /** Chunk count per indexed file, from the manifest (for tests and the bench). */
  async chunkCounts(): Promise<Map<string, number>> {
    return new Map([...this.core.indexer.manifest.values()].map((f) => [f.path, f.chunkIds.length]))
  }

  /**
   * CPU time used so far by the engine's worker threads, µs: the prepare pool's (as of each worker's last answer) and the
   * model's (shared with other engines of the same model in this process). The bench splits indexing CPU by thread with it.
   */
  workerCpu(): { prepareMicros: number; modelMicros: number } {
    return { prepareMicros: this.core.prepareLease?.pool.cpuMicros ?? 0, modelMicros: this.core.embedder?.modelStats.cpuMicros ?? 0 }
  }

  /** Chunks embedded by this process so far (a restart that finds nothing new embeds none). */
  get embeddedChunks(): number {
    return this.core.indexer.embeddedChunks
  }

  private async start(): Promise<void> {
    const core = this.core
    const { dataDir } = core.options
    memoryMark('engine open')
    await ensureDataDir(dataDir, core.writes)
    if (core.writes) core.takeLock(await lockDataDir(dataDir))
    const { state, damaged } = await readState(dataDir)
    core.state = state
    core.state.ignorePatterns = core.options.ignorePatterns ?? core.state.ignorePatterns
    if (damaged) core.healthDetail = 'engine state file was damaged; roots must be added again'
    await this.models.loadModel()
    memoryMark('model loaded')
    const hadTable = (await ChunkStore.listTables(dataDir)).length > 0
    await this.index.openIndex()
    memoryMark('index open')
    await this.index.searchPreviousFormat()
    if (!hadTable && (core.state.roots.length > 0 || core.state.files.length > 0)) {
      core.healthDetail ??= 'the index was missing (its folder was deleted?); it is rebuilt from the notes'
    }
    await this.roots.recoverLostRoots(damaged)
    if (core.writes) await this.statusReport.restoreReports()
    await this.roots.resume()
    if (core.writes) this.statusReport.publishActivity()
    if (core.writes && core.searchFrom) this.models.finishSwitchInBackground()
    if (core.options.preloadQueryLexicon) this.preloadLexiconWhenIdle()
  }

  /** Loads the query lexicon (decompressed in libuv's pool) once indexing is idle; a search meanwhile waits for the same load. */
  private preloadLexiconWhenIdle(): void {
    this.whenIdle()
      .then(() => (this.core.closed ? undefined : this.core.lexicon.state()))
      .catch(() => {
        // The first search that needs the lexicon loads it (and reports a failure).
      })
  }

  /**
   * Read-only engines pick up what the indexing process changed since the last call: roots and single files (its state
   * file), roots that vanished or came back, and, for `withManifest`, the list of indexed files when the table has a new
   * version. Searches need no refresh: a read-only table reads the latest committed version itself.
   */
  private followWriter(withManifest: boolean): Promise<void> {
    const core = this.core
    const run = this.following.then(async () => {
      const stamp = await stat(join(core.options.dataDir, STATE_FILE)).then((info) => `${info.mtimeMs}:${info.size}`, () => 'none')
      if (stamp !== this.followed.stateStamp) {
        const { state, damaged } = await readState(core.options.dataDir)
        if (!damaged) {
          this.followed.stateStamp = stamp
          core.state = { ...state, ignorePatterns: core.options.ignorePatterns ?? state.ignorePatterns }
          for (const root of [...core.roots.keys()]) if (!state.roots.includes(root)) core.roots.delete(root)
          for (const root of state.roots) if (!core.roots.has(root)) core.roots.set(root, { state: 'indexed' })
        }
      }
      for (const [root, entry] of core.roots) entry.state = (await isDirectory(root)) ? 'indexed' : 'missing'
      if (!withManifest) return
      const version = await core.store.version()
      if (version === this.followed.tableVersion) return
      await this.index.refreshIndexer()
      this.followed.tableVersion = version
    })
    this.following = run.catch(() => undefined)
    return run
  }

  /** Releases what a failed start took (lock, table, model), so the process can report the error and exit. */
  private async abandon(): Promise<void> {
    const core = this.core
    core.closed = true
    await core.indexer?.close().catch(() => undefined)
    await core.store?.close().catch(() => undefined)
    await core.embedder?.dispose().catch(() => undefined)
    await core.releaseLock?.().catch(() => undefined)
  }

  private readonly handlers: { [K in EngineCallName]: (arg: EngineCalls[K][0]) => Promise<EngineCalls[K][1]> } = {
    search: (request) => this.searches.search(request),
    highlightSentence: (arg) => this.searches.highlightSentence(arg),
    related: async ({ path, limit }) => this.searches.related((await this.notes.resolveInside(path)).path, limit),
    status: () => this.statusReport.status(),
    previewRoot: ({ path }) => this.roots.previewRoot(path),
    addRoots: ({ paths }) => this.roots.addRoots(paths),
    removeRoot: ({ path }) => this.roots.removeRoot(path),
    indexFiles: ({ paths }) => this.notes.indexFiles(paths),
    pauseIndexing: async () => this.core.indexer.pause(),
    resumeIndexing: async () => this.core.indexer.resume(),
    readNote: ({ path, page }) => this.notes.readNote(path, page),
    retryModelDownload: (arg) => this.models.retryModelDownload(arg?.proxy),
    setIgnorePatterns: ({ patterns }) => this.roots.setIgnorePatterns(patterns),
    useModelFolder: ({ path }) => this.models.useModelFolder(path),
    resolveNotePath: ({ path }) => this.notes.resolveInside(path),
    listNotes: (page) => this.notes.listNotes(page),
    readNoteText: (arg) => this.notes.readNoteText(arg),
    map: (request) => this.map.view(request),
    mapLocate: (arg) => this.map.locate(arg?.query),
    mapStats: () => this.map.quality()
  }
}
