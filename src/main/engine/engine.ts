// The engine facade: open/close, every EngineCalls entry, typed events. Wires model, store, indexer and watcher together.
import { EventEmitter } from 'node:events'
import { mkdir, readFile, realpath, rm, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { SemnoteError } from '../../shared/errors'
import { DEFAULT_SETTINGS, type IndexProgress, type IndexStatus, type ModelState, type NoteContent, type RootPreview } from '../../shared/types'
import type { EngineCallName, EngineCalls, EngineEventName, EngineEvents, EngineOptions } from './contract'
import { checkConsistency, type ConsistencyReport } from './facade/consistency'
import { lockDataDir } from './facade/data-lock'
import { diskUsage } from './facade/disk-usage'
import { openBestPack } from './facade/model-choice'
import { createPrepare, decodeForPreview, isSupportedPath } from './facade/pipeline'
import { documentPool } from './extract/isolated/document-pool'
import { DEFAULT_PREPARE_LIMITS, defaultPrepareThreads, leasePreparePool, type PoolLease, type PrepareLimits, type PreparePool } from './facade/prepare-pool'
import { isDirectory, realFolder, resolveInside } from './facade/note-paths'
import { listNotePage, readNoteText } from './facade/note-reading'
import { QueryVectors, sentenceScorer } from './facade/query-vectors'
import { abortRootScans, onRootStateChange, startRootScan, type RootEntry, type RootScanHost } from './facade/root-scans'
import { EMPTY_STATE, readState, STATE_FILE, writeState, type EngineState } from './facade/state-file'
import { buildStatus } from './facade/status-report'
import { openPreviousFormat, UPGRADE_DETAIL, VectorCarryOver } from './facade/format-upgrade'
import { openEngineStore } from './facade/store-adapter'
import { QueryLexiconSource } from './lexicon/query-lexicon'
import { ChunkStore } from './store/chunk-store'
import { tableNameFor } from './store/schema'
import type { EngineStore } from './facade/store-port'
import { Indexer, isInside } from './index/indexer'
import { DEFAULT_PACK } from './model/catalog'
import { defaultThreads, Embedder } from './model/embedder'
import { provisionPack, provisionSettingsFromEnv } from './model/fetch'
import { closestSentence } from './search/search-chunks'
import { RootIgnore } from './watch/ignore-rules'
import { scanRoot, skip } from './watch/scan'
import { NoteWatcher } from './watch/watcher'

const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

/** Knobs for hosts and tests that are not part of the cross-process contract. */
export interface EngineInternals {
  /**
   * Rescan the saved roots and start indexing on open, holding the data dir's write lock (default true). The CLI's
   * search/status/check turn it off: they only read, so they can run while another process indexes.
   */
  resumeIndexing?: boolean
  /** Watcher settle time in ms (default 300). */
  settleMs?: number
  /** Root existence check period in ms (default 2000). */
  rootCheckMs?: number
  /** Chunks per embedding call (default 32). */
  batchChunks?: number
  /** The prepare workers' limits per note (default DEFAULT_PREPARE_LIMITS). */
  prepareLimits?: PrepareLimits
}

/** The note search engine, in-process. Hosts: CLI, tests, Electron's utilityProcess. */
export class Engine {
  private readonly events = new EventEmitter()
  private readonly roots = new Map<string, RootEntry>()
  private readonly ignoreCache = new Map<string, RootIgnore>()
  private state: EngineState = structuredClone(EMPTY_STATE)
  private model: ModelState
  private embedder: Embedder | null = null
  private store!: EngineStore
  private indexer!: Indexer
  private watcher: NoteWatcher | null = null
  private healthDetail: string | undefined
  private statusTimer: NodeJS.Timeout | null = null
  private maintenanceTimer: NodeJS.Timeout | null = null
  private closed = false
  /** During a model switch: the previous, complete table (and its model) that searches use until the new one is filled. */
  private searchFrom: { store: EngineStore; embedder: Embedder | null } | null = null
  private switching: Promise<void> | null = null
  /** While a table of the previous index format answers searches: its vectors are reused for unchanged passages. */
  private carryOver: VectorCarryOver | null = null
  /** The prepare pool the current indexer uses. */
  private prepareLease: PoolLease | null = null
  private diskCache: { at: number; bytes: number } | null = null
  private releaseLock: (() => Promise<void>) | null = null
  private readonly maxFileBytes: number
  private readonly wantedModelId: string
  /** The query-translation lexicon of the model folders (loaded on the first search that needs it, model or not). */
  private readonly lexicon = new QueryLexiconSource(() => [...(this.state.modelFolder ? [this.state.modelFolder] : []), ...this.options.modelDirs])
  /** Read-only engines: the state file and table version last followed (see followWriter). */
  private followed = { stateStamp: '', tableVersion: -1 }
  private following: Promise<void> = Promise.resolve()

  private constructor(
    private readonly options: EngineOptions,
    private readonly internals: EngineInternals
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    this.wantedModelId = options.modelId ?? DEFAULT_SETTINGS.modelId
    this.model = { state: 'loading', id: this.wantedModelId }
    this.events.setMaxListeners(100)
  }

  /** Opens the index in `options.dataDir`, loads the model if one is found, and resumes the saved roots. */
  static async open(options: EngineOptions, internals: EngineInternals = {}): Promise<Engine> {
    const engine = new Engine(options, internals)
    await engine.start()
    return engine
  }

  /** Answers one call; failures are SemnoteErrors with a stable code. */
  async call<K extends EngineCallName>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]> {
    if (this.closed) throw new SemnoteError('ENGINE_UNAVAILABLE', 'The engine is closed.')
    const handler = this.handlers[name] as (arg: EngineCalls[K][0]) => Promise<EngineCalls[K][1]>
    if (!handler) throw new SemnoteError('INVALID_PAYLOAD', `Unknown engine call: ${String(name)}`)
    try {
      if (this.readOnly) await this.followWriter(name === 'status' || name === 'listNotes')
      return await handler(arg)
    } catch (error) {
      if (error instanceof SemnoteError) throw error
      throw new SemnoteError('INTERNAL', (error as Error).message ?? String(error))
    }
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EngineEventName>(event: E, listener: (payload: EngineEvents[E]) => void): () => void {
    this.events.on(event, listener)
    return () => this.events.off(event, listener)
  }

  /**
   * Stops watching and indexing (the batch in flight is committed, scans in progress are abandoned: the next open scans
   * again), closes the store and the model.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.statusTimer) clearTimeout(this.statusTimer)
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer)
    abortRootScans(this.roots.values())
    await this.watcher?.close()
    await Promise.allSettled([...this.roots.values()].map((r) => r.scan))
    await this.indexer.close()
    this.prepareLease?.release()
    await this.store.close()
    await this.embedder?.dispose()
    if (this.searchFrom) {
      await this.searchFrom.store.close()
      if (this.searchFrom.embedder !== this.embedder) await this.searchFrom.embedder?.dispose()
    }
    await this.releaseLock?.()
    this.events.removeAllListeners()
  }

  /** Resolves when every scan has finished and nothing is queued (for the CLI and tests). */
  async whenIdle(): Promise<void> {
    await this.indexingIdle()
    await this.switching
  }

  /**
   * Resolves when indexing is idle and the search indexes are up to date (upkeep run now rather than
   * on its timer), so the queries that follow see one fixed index: for evaluation and benchmarks.
   */
  async whenSettled(): Promise<void> {
    await this.whenIdle()
    if (this.maintenanceTimer) clearTimeout(this.maintenanceTimer)
    this.maintenanceTimer = null
    await this.store.maintain({ force: true })
  }

  /** Resolves when every scan has finished and nothing is queued. */
  private async indexingIdle(): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.roots.values()].map((r) => r.scan))
      await this.indexer.whenIdle()
      if ([...this.roots.values()].every((r) => !r.scan) && this.indexer.pendingCount === 0) return
    }
  }

  /** Verifies the table against the files on disk (semnote check). */
  async check(): Promise<ConsistencyReport> {
    await this.whenIdle()
    if (this.readOnly) await this.followWriter(true)
    return checkConsistency({
      store: this.store,
      manifest: this.indexer.manifest,
      roots: [...this.roots].filter(([, r]) => r.state !== 'missing').map(([path]) => ({ path, rules: this.rulesFor(path) })),
      missingRoots: [...this.roots].filter(([, r]) => r.state === 'missing').map(([path]) => path),
      files: this.state.files,
      skipped: new Set(this.indexer.skipped.keys()),
      prepare: this.prepareStep(),
      maxFileBytes: this.maxFileBytes,
      search: (query) => this.handlers.search({ query, mode: 'keyword', limit: 5 })
    })
  }

  /** Chunk count per indexed file, from the manifest (for tests and the bench). */
  async chunkCounts(): Promise<Map<string, number>> {
    return new Map([...this.indexer.manifest.values()].map((f) => [f.path, f.chunkIds.length]))
  }

  /**
   * CPU time used so far by the engine's worker threads, µs: the prepare pool's (as of each worker's last answer) and the
   * model's (shared with other engines of the same model in this process). The bench splits indexing CPU by thread with it.
   */
  workerCpu(): { prepareMicros: number; modelMicros: number } {
    return { prepareMicros: this.prepareLease?.pool.cpuMicros ?? 0, modelMicros: this.embedder?.modelStats.cpuMicros ?? 0 }
  }

  /** Chunks embedded by this process so far (a restart that finds nothing new embeds none). */
  get embeddedChunks(): number {
    return this.indexer.embeddedChunks
  }

  /** Opened with resumeIndexing false: another process may be indexing; this one only reads, and follows its writes. */
  private get readOnly(): boolean {
    return this.internals.resumeIndexing === false
  }

  /**
   * Read-only engines pick up what the indexing process changed since the last call: roots and single files (its state
   * file), roots that vanished or came back, and, for `withManifest`, the list of indexed files when the table has a new
   * version. Searches need no refresh: a read-only table reads the latest committed version itself.
   */
  private followWriter(withManifest: boolean): Promise<void> {
    const run = this.following.then(async () => {
      const stateFile = join(this.options.dataDir, STATE_FILE)
      const stamp = await stat(stateFile).then((info) => `${info.mtimeMs}:${info.size}`, () => 'none')
      if (stamp !== this.followed.stateStamp) {
        const { state, damaged } = await readState(this.options.dataDir)
        if (!damaged) {
          this.followed.stateStamp = stamp
          this.state = { ...state, ignorePatterns: this.options.ignorePatterns ?? state.ignorePatterns }
          for (const root of [...this.roots.keys()]) if (!state.roots.includes(root)) this.roots.delete(root)
          for (const root of state.roots) if (!this.roots.has(root)) this.roots.set(root, { state: 'watching' })
        }
      }
      for (const [root, entry] of this.roots) entry.state = (await isDirectory(root)) ? 'watching' : 'missing'
      if (!withManifest) return
      const version = await this.store.version()
      if (version === this.followed.tableVersion) return
      const previous = this.indexer
      this.indexer = await this.createIndexer()
      this.followed.tableVersion = version
      await previous.close()
    })
    this.following = run.catch(() => undefined)
    return run
  }

  private async start(): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true })
    if (this.internals.resumeIndexing !== false) this.releaseLock = await lockDataDir(this.options.dataDir)
    const { state, damaged } = await readState(this.options.dataDir)
    this.state = state
    this.state.ignorePatterns = this.options.ignorePatterns ?? this.state.ignorePatterns
    if (damaged) this.healthDetail = 'engine state file was damaged; roots must be added again'
    await this.loadModel()
    const hadTable = (await ChunkStore.listTables(this.options.dataDir)).length > 0
    await this.openIndex()
    await this.searchPreviousFormat()
    if (!hadTable && (this.state.roots.length > 0 || this.state.files.length > 0)) {
      this.healthDetail ??= 'the index was missing (its folder was deleted?); it is rebuilt from the notes'
    }
    await this.recoverLostRoots(damaged)
    if (this.options.watch !== false) {
      this.watcher = new NoteWatcher({
        isSupported: isSupportedPath,
        rulesFor: (root) => this.rulesFor(root),
        onChanges: (root, paths) => void this.indexer.touched(root, paths),
        onRootState: (root, rootState, detail) => this.onRootState(root, rootState, detail),
        onRulesChanged: (root) => this.startRoot(root),
        ...(this.internals.settleMs !== undefined ? { settleMs: this.internals.settleMs } : {}),
        ...(this.internals.rootCheckMs !== undefined ? { rootCheckMs: this.internals.rootCheckMs } : {})
      })
    }
    for (const root of this.state.roots) this.roots.set(root, { state: 'scanning' })
    if (this.internals.resumeIndexing === false) {
      for (const [root, entry] of this.roots) entry.state = (await isDirectory(root)) ? 'watching' : 'missing'
      return
    }
    for (const root of this.state.roots) this.startRoot(root)
    void this.queueSingleFiles(this.state.files)
    if (this.searchFrom) this.finishSwitchInBackground()
  }

  /**
   * The state file is gone or damaged but the table still holds notes: take the roots back from the rows (the outermost
   * `root` values), so their notes are neither orphaned nor forgotten. Single files come back as their folder.
   */
  private async recoverLostRoots(damaged: boolean): Promise<void> {
    if (this.state.roots.length > 0 || this.state.files.length > 0 || this.indexer.manifest.size === 0) return
    const roots = [...new Set([...this.indexer.manifest.values()].map((f) => f.root))]
    this.state.roots = roots.filter((root) => !roots.some((other) => other !== root && isInside(root, other)))
    this.healthDetail = `engine state file was ${damaged ? 'damaged' : 'missing'}; ${this.state.roots.length} indexed folder(s) recovered from the index`
    if (this.internals.resumeIndexing !== false) await writeState(this.options.dataDir, this.state)
  }

  /** Loads the wanted pack (or a fallback) from the chosen folder first, then the model folders. */
  private async loadModel(): Promise<void> {
    const dirs = [...(this.state.modelFolder ? [this.state.modelFolder] : []), ...this.options.modelDirs]
    const threads = this.options.threads
    const choice = await openBestPack(dirs, this.wantedModelId, (dir) => Embedder.create(dir, threads ? { threads } : {}))
    if (choice.ok) {
      this.embedder = choice.embedder
      this.model = { state: 'ready', id: choice.embedder.id, dimension: choice.embedder.dimension }
    } else {
      this.embedder = null
      this.model = { state: 'missing', id: this.wantedModelId, reason: choice.reason }
    }
    this.emit('model', this.model)
  }

  /** Opens the chunk table of the current model and derives the manifest from it. */
  private async openIndex(): Promise<void> {
    let opened: EngineStore | undefined
    try {
      opened = await openEngineStore(this.options.dataDir, this.embedder, this.readOnly, this.lexicon)
      this.store = opened
      if (opened.rebuiltBecause) this.healthDetail = opened.rebuiltBecause
      this.indexer = await this.createIndexer()
      await this.probeSearch()
    } catch (error) {
      // Only the process that indexes may drop and rebuild the table; a reader reports it.
      if (this.readOnly) {
        await opened?.close().catch(() => undefined)
        throw new SemnoteError('ENGINE_UNAVAILABLE', `The index in ${this.options.dataDir} cannot be read right now: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`)
      }
      // The table, its rows or its search indexes cannot be read (damaged files): drop it and rebuild from the notes,
      // rather than failing every start or every search.
      await opened?.close().catch(() => undefined)
      const table = tableNameFor(this.embedder?.id ?? null)
      await ChunkStore.dropTable(this.options.dataDir, table).catch(() => rm(join(this.options.dataDir, 'lancedb', `${table}.lance`), { recursive: true, force: true }))
      this.store = await openEngineStore(this.options.dataDir, this.embedder, false, this.lexicon)
      this.healthDetail = `index table could not be read (${(error as Error).message.split('\n')[0]!.slice(0, 200)}); rebuilt from the notes`
      this.indexer = await this.createIndexer()
    }
  }

  /**
   * The table of the current format is empty but one of an older format is there (Semnote was updated): search that one
   * until the new table is filled from the notes, then drop it. A read-only engine (CLI search) only searches it.
   */
  private async searchPreviousFormat(): Promise<void> {
    if (this.indexer.manifest.size > 0) return
    const previous = await openPreviousFormat(this.options.dataDir, this.embedder, this.lexicon)
    if (!previous) return
    this.searchFrom = { store: previous, embedder: this.embedder }
    if (this.internals.resumeIndexing === false) return
    if (this.embedder) this.carryOver = new VectorCarryOver(this.embedder, previous)
  }

  /** Runs one keyword and one vector query, so damaged index files are found at open, not by the user's searches. */
  private async probeSearch(): Promise<void> {
    await this.store.search({ query: 'semnote', mode: 'keyword', limit: 1 }, null)
    if (this.embedder && this.store.modelId !== null) {
      const probe = new Float32Array(this.embedder.dimension)
      probe[0] = 1
      await this.store.search({ query: 'semnote', mode: 'semantic', limit: 1 }, probe)
    }
  }

  private createIndexer(): Promise<Indexer> {
    return Indexer.open({
      store: this.store,
      prepare: this.preparePool().prepare,
      embedder: () => (this.carryOver && this.carryOver.id === this.embedder?.id ? this.carryOver : this.embedder),
      maxFileBytes: this.maxFileBytes,
      ...(this.internals.batchChunks ? { batchChunks: this.internals.batchChunks } : {}),
      eventsPending: () => (this.watcher?.unsettledCount ?? 0) > 0,
      onProgress: (progress) => this.onProgress(progress),
      onChange: () => this.statusChanged()
    })
  }

  /** Extract + chunk with the model's tokenizer and budget (an estimate when no model is loaded), on this thread. */
  private prepareStep() {
    const embedder = this.embedder
    return createPrepare(this.chunkBudget(), embedder?.passages)
  }

  /** The same prepare step run by a pool of worker threads (for indexing), sized by `prepareThreads` or the machine. */
  private preparePool(): PreparePool {
    const embedder = this.embedder
    const size = this.options.prepareThreads ?? defaultPrepareThreads(this.options.threads ?? defaultThreads(), embedder?.modelIsLight ?? true)
    const budget = this.chunkBudget()
    const limits = this.internals.prepareLimits ?? DEFAULT_PREPARE_LIMITS
    const key = `${embedder ? `${embedder.id}\n${embedder.packDir}` : 'no model'}\n${budget}\n${size}\n${JSON.stringify(limits)}`
    this.prepareLease?.release()
    const spec = { budget, documents: documentPool.currentLimits.documents, ...(embedder ? { encoder: embedder.passages.spec } : {}) }
    this.prepareLease = leasePreparePool(key, spec, size, limits)
    return this.prepareLease.pool
  }

  private chunkBudget(): number {
    return Math.min(256, this.embedder?.maxTokens ?? 256)
  }

  private rulesFor(root: string): RootIgnore {
    let rules = this.ignoreCache.get(root)
    if (!rules) this.ignoreCache.set(root, (rules = new RootIgnore(root, this.state.ignorePatterns)))
    return rules
  }

  /** Scans a root and reconciles it with the manifest (facade/root-scans.ts). */
  private startRoot(root: string): void {
    startRootScan(this.scanHost, root)
  }

  private onRootState(root: string, rootState: 'watching' | 'missing' | 'error', detail?: string): void {
    onRootStateChange(this.scanHost, root, rootState, detail)
  }

  /** The engine as root scans see it. */
  private readonly scanHost: RootScanHost = {
    roots: this.roots,
    isClosed: () => this.closed,
    watcher: () => this.watcher,
    rulesFor: (root) => this.rulesFor(root),
    forgetRules: (root) => this.ignoreCache.delete(root),
    reconcile: (root, files, skipped) => this.indexer.reconcile(root, files, skipped),
    statusChanged: () => this.statusChanged()
  }

  private async queueSingleFiles(paths: string[]): Promise<void> {
    const files = []
    for (const path of paths) {
      const info = await stat(path).catch(() => null)
      if (info?.isFile()) files.push({ path, root: dirname(path), mtimeMs: Math.floor(info.mtimeMs) })
    }
    this.indexer.addFiles(files.filter((f) => !this.indexer.manifest.has(f.path) || this.indexer.manifest.get(f.path)!.mtime !== f.mtimeMs))
  }

  /** The indexer's progress, shown as `scanning` while a root is being walked and nothing is queued yet. */
  private withScanPhase(progress: IndexProgress): IndexProgress {
    const scanning = [...this.roots.values()].some((r) => r.state === 'scanning')
    return scanning && progress.phase === 'idle' ? { ...progress, phase: 'scanning' } : progress
  }

  private onProgress(progress: IndexProgress): void {
    this.emit('progress', this.withScanPhase(progress))
    if (progress.phase === 'idle') this.scheduleMaintenance()
  }

  /** Refreshes search indexes a little after a burst of writes. */
  private scheduleMaintenance(): void {
    if (this.maintenanceTimer || this.closed) return
    this.maintenanceTimer = setTimeout(() => {
      this.maintenanceTimer = null
      if (!this.closed) void this.store.maintain().catch(() => undefined)
    }, 2000)
    this.maintenanceTimer.unref()
  }

  /** Emits a status event soon (coalesced). */
  private statusChanged(): void {
    if (this.statusTimer || this.closed) return
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null
      if (!this.closed) void this.status().then((s) => this.emit('status', s))
    }, 250)
    this.statusTimer.unref()
  }

  private emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    this.events.emit(event, payload)
  }

  private async status(): Promise<IndexStatus> {
    return buildStatus({
      manifest: this.indexer.manifest,
      roots: this.roots,
      skipped: this.indexer.skipped.values(),
      warnings: this.indexer.warnings.values(),
      model: this.model,
      progress: this.withScanPhase(this.indexer.snapshot()),
      healthDetail: this.healthDetail,
      rebuildingDetail: this.carryOver ? UPGRADE_DETAIL : undefined,
      tags: await this.store.tagCounts().catch(() => []),
      diskBytes: await this.diskBytes()
    })
  }

  /** Disk use of the data dir, measured at most every few seconds (the walk touches every LanceDB file). */
  private async diskBytes(): Promise<number> {
    const now = Date.now()
    if (!this.diskCache || now - this.diskCache.at > 5000) this.diskCache = { at: now, bytes: await diskUsage(this.options.dataDir) }
    return this.diskCache.bytes
  }

  private async saveState(): Promise<void> {
    this.state.roots = [...this.roots.keys()]
    await writeState(this.options.dataDir, this.state)
  }

  /** The real path of `path` when it lies inside an indexed root or is an indexed single file; else PATH_OUTSIDE_ROOTS. */
  private resolveInside(path: unknown): Promise<{ path: string; root: string }> {
    return resolveInside(path, [...this.roots.keys()], this.state.files)
  }

  private readonly queryVectors = new QueryVectors()

  private readonly handlers: { [K in EngineCallName]: (arg: EngineCalls[K][0]) => Promise<EngineCalls[K][1]> } = {
    search: async (request) => {
      if (!request || typeof request.query !== 'string') throw new SemnoteError('INVALID_PAYLOAD', 'search needs a query string.')
      const { store, embedder } = this.searchFrom ?? { store: this.store, embedder: this.embedder }
      const wantsVector = request.mode !== 'keyword' && embedder !== null && store.modelId !== null && request.query.trim() !== ''
      const vector = wantsVector ? await this.queryVectors.vectorFor(embedder, request.query) : null
      const scoreSentences = vector && embedder && request.scoreSentences !== false ? sentenceScorer(embedder, vector) : undefined
      const missing = new Set([...this.roots].filter(([, r]) => r.state === 'missing').map(([p]) => p))
      if (missing.size === 0) return store.search(request, vector, scoreSentences)
      // Notes of a vanished root are kept for its return but not shown: restrict the search to the roots that are there.
      const present = request.filters?.roots ?? [...[...this.roots.keys()].filter((r) => !missing.has(r)), ...this.state.files.map((f) => dirname(f))]
      const roots = present.filter((r) => !missing.has(r))
      if (roots.length === 0) return { query: request.query, mode: request.mode ?? 'hybrid', hits: [], total: 0, offset: request.offset ?? 0, tookMs: 0, semanticAvailable: vector !== null }
      return store.search({ ...request, filters: { ...request.filters, roots } }, vector, scoreSentences)
    },
    highlightSentence: async (arg) => {
      if (typeof arg?.query !== 'string' || typeof arg.text !== 'string') throw new SemnoteError('INVALID_PAYLOAD', 'highlightSentence needs a query and a text.')
      const embedder = this.searchFrom ? this.searchFrom.embedder : this.embedder
      if (!embedder || arg.query.trim() === '') return null
      return closestSentence(arg.text, sentenceScorer(embedder, await this.queryVectors.vectorFor(embedder, arg.query)))
    },
    related: async ({ path, limit }) => {
      const resolved = await this.resolveInside(path)
      return (this.searchFrom?.store ?? this.store).related(resolved.path, Math.max(1, Math.min(100, Math.floor(limit ?? 10))))
    },
    status: () => this.status(),
    previewRoot: async ({ path }) => {
      const root = await realFolder(path)
      const rules = new RootIgnore(root, this.state.ignorePatterns)
      const result = await scanRoot(root, rules, { isSupported: isSupportedPath })
      const preview: RootPreview = {
        path: root,
        files: result.files.length,
        ignored: result.ignored,
        ignoreRules: rules.rules,
        sample: result.files.slice(0, 10).map((f) => f.path)
      }
      return preview
    },
    addRoots: async ({ paths }) => {
      if (!Array.isArray(paths)) throw new SemnoteError('INVALID_PAYLOAD', 'addRoots needs a list of folders.')
      for (const path of paths) {
        const root = await realFolder(path)
        if ([...this.roots.keys()].some((existing) => isInside(root, existing))) continue
        for (const existing of [...this.roots.keys()].filter((r) => isInside(r, root))) await this.fileRootUnder(existing, root)
        this.roots.set(root, { state: 'scanning' })
        this.startRoot(root)
      }
      await this.saveState()
      return this.status()
    },
    removeRoot: async ({ path }) => {
      const real = typeof path === 'string' ? await realpath(path).catch(() => path) : path
      const root = [...this.roots.keys()].find((r) => r === path || r === real)
      if (!root) throw new SemnoteError('NOT_FOUND', `Not an indexed folder: ${String(path)}`)
      await this.dropRoot(root)
      await this.saveState()
      return this.status()
    },
    indexFiles: async ({ paths }) => {
      if (!Array.isArray(paths)) throw new SemnoteError('INVALID_PAYLOAD', 'indexFiles needs a list of files.')
      const files = []
      for (const path of paths) {
        if (typeof path !== 'string' || !isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', 'Files must be absolute paths.')
        const real = await realpath(path).catch(() => null)
        const info = real ? await stat(real).catch(() => null) : null
        if (!real || !info) {
          this.indexer.skipped.set(path, skip(path, 'vanished', 'file not found'))
          continue
        }
        if (!info.isFile()) {
          this.indexer.skipped.set(real, skip(real, 'not-a-file', 'not a regular file'))
          continue
        }
        if (!isSupportedPath(real)) {
          this.indexer.skipped.set(real, skip(real, 'unsupported-type', 'this file type cannot be indexed yet'))
          continue
        }
        const root = [...this.roots.keys()].find((r) => isInside(real, r))
        if (!root && !this.state.files.includes(real)) this.state.files.push(real)
        files.push({ path: real, root: root ?? dirname(real), mtimeMs: Math.floor(info.mtimeMs) })
      }
      this.indexer.addFiles(files)
      await this.saveState()
      this.statusChanged()
      return this.status()
    },
    pauseIndexing: async () => this.indexer.pause(),
    resumeIndexing: async () => this.indexer.resume(),
    readNote: async ({ path, page }) => {
      const resolved = await this.resolveInside(path)
      const info = await stat(resolved.path)
      if (!info.isFile()) throw new SemnoteError('NOT_FOUND', `Not a file: ${path}`)
      if (info.size > this.maxFileBytes) throw new SemnoteError('INVALID_PAYLOAD', `The note is larger than the ${this.maxFileBytes} byte limit.`)
      const { title, ext, text, ...pages } = await decodeForPreview(resolved.path, await readFile(resolved.path), page)
      const note: NoteContent = { path: resolved.path, title, ext, text, mtime: info.mtimeMs, ...pages }
      return note
    },
    retryModelDownload: async (arg) => {
      if (this.wantedModelId !== DEFAULT_PACK.manifest.id) throw new SemnoteError('MODEL_MISSING', `Model "${this.wantedModelId}" cannot be downloaded; choose its folder instead.`)
      const destDir = join(this.options.modelDirs[0] ?? join(this.options.dataDir, 'models'), DEFAULT_PACK.manifest.id)
      const settings = provisionSettingsFromEnv()
      try {
        await provisionPack(DEFAULT_PACK, {
          destDir,
          ...(settings.mirror ? { mirror: settings.mirror } : {}),
          ...(settings.localSource ? { localSource: settings.localSource } : {}),
          ...(arg?.proxy ? { proxy: arg.proxy } : {}),
          onProgress: (p) => this.setModel({ state: 'downloading', id: DEFAULT_PACK.manifest.id, receivedBytes: p.received, totalBytes: p.total })
        })
      } catch (error) {
        this.setModel({ state: 'failed', id: DEFAULT_PACK.manifest.id, error: (error as Error).message })
        return this.model
      }
      return this.switchModel(destDir)
    },
    setIgnorePatterns: async ({ patterns }) => {
      if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string')) throw new SemnoteError('INVALID_PAYLOAD', 'patterns must be strings.')
      this.state.ignorePatterns = [...patterns]
      this.ignoreCache.clear()
      await this.saveState()
      for (const root of this.roots.keys()) this.startRoot(root)
      return this.status()
    },
    useModelFolder: async ({ path }) => {
      if (typeof path !== 'string' || !isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', 'A model folder must be an absolute path.')
      return this.switchModel(path)
    },
    resolveNotePath: async ({ path }) => this.resolveInside(path),
    listNotes: async (page) => listNotePage(this.indexer.manifest.values(), page ?? {}),
    readNoteText: async ({ path, offset, maxChars }) => readNoteText(await this.resolveInside(path), { offset, maxChars }, this.maxFileBytes)
  }

  private setModel(model: ModelState): void {
    this.model = model
    this.emit('model', model)
  }

  /** Validates and loads the pack in `dir`, then re-embeds every note into that model's table in the background. */
  /**
   * Validates and loads the pack in `dir`, then re-embeds every note into that model's table in the background. Until
   * that table is complete, searches keep using the previous (complete) table; then it is closed and dropped.
   */
  private async switchModel(dir: string): Promise<ModelState> {
    const threads = this.options.threads
    const embedder = await Embedder.create(dir, threads ? { threads } : {}) // throws MODEL_MISSING / MODEL_INVALID
    this.setModel({ state: 'loading', id: embedder.id })
    await Promise.allSettled([...this.roots.values()].map((r) => r.scan))
    await this.indexer.close()
    if (this.searchFrom) {
      // A switch was still filling its table: drop that partial one, keep searching the last complete table.
      await this.store.close()
      if (this.embedder !== this.searchFrom.embedder) await this.embedder?.dispose()
    } else {
      this.searchFrom = { store: this.store, embedder: this.embedder }
    }
    this.embedder = embedder
    this.state.modelFolder = dir
    await this.saveState()
    await this.openIndex()
    this.setModel({ state: 'ready', id: embedder.id, dimension: embedder.dimension })
    for (const root of this.roots.keys()) this.startRoot(root)
    void this.queueSingleFiles(this.state.files)
    this.finishSwitchInBackground()
    return this.model
  }

  /** Once the roots (started before this is called) are indexed into the new table, switches searches to it. */
  private finishSwitchInBackground(): void {
    const finishing = this.finishSwitchWhenIdle()
    this.switching = finishing
    void finishing.finally(() => {
      if (this.switching === finishing) this.switching = null
    })
  }

  /** Once every note is in the new table: search it, release the previous table and model, drop other tables. */
  private async finishSwitchWhenIdle(): Promise<void> {
    const store = this.store
    await this.indexingIdle()
    if (this.closed || this.store !== store || !this.searchFrom) return
    const previous = this.searchFrom
    this.searchFrom = null
    this.carryOver = null
    await previous.store.close()
    if (previous.embedder && previous.embedder !== this.embedder) await previous.embedder.dispose()
    for (const table of await ChunkStore.listTables(this.options.dataDir)) {
      if (table !== store.tableName) await ChunkStore.dropTable(this.options.dataDir, table).catch(() => undefined)
    }
    this.statusChanged()
  }

  /** A root inside a newly added root stops being a root of its own; its notes keep their rows and vectors. */
  private async fileRootUnder(root: string, parent: string): Promise<void> {
    this.roots.delete(root)
    this.ignoreCache.delete(root)
    await this.watcher?.removeRoot(root)
    await this.indexer.moveRoot(root, parent)
  }

  private async dropRoot(root: string): Promise<void> {
    abortRootScans([this.roots.get(root)].filter((entry) => entry !== undefined))
    this.roots.delete(root)
    this.ignoreCache.delete(root)
    await this.watcher?.removeRoot(root)
    await this.indexer.forgetRoot(root)
  }
}

