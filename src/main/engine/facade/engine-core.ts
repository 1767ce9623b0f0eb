// The state one engine's parts share (roots, store, indexer, model, watcher) and the few helpers they all use.
import { EventEmitter } from 'node:events'
import type { SemnoteError } from '../../../shared/errors'
import { DEFAULT_SETTINGS, type IndexProgress, type ModelState, type RootState } from '../../../shared/types'
import type { EngineEventName, EngineEvents, EngineOptions } from '../contract'
import type { Indexer } from '../index/indexer'
import { QueryLexiconSource } from '../lexicon/query-lexicon'
import { documentPool } from '../extract/isolated/document-pool'
import { defaultThreads, type Embedder } from '../model/embedder'
import type { NoteWatcher } from '../watch/watcher'
import type { LockOwner } from './data-lock'
import type { VectorCarryOver } from './format-upgrade'
import { createPrepare } from './pipeline'
import { DEFAULT_SEGMENT_OPTIONS, withSegments, type SegmentOptions } from './segmented-prepare'
import { DEFAULT_PREPARE_LIMITS, defaultPrepareThreads, leasePreparePool, type PoolLease, type PrepareLimits, type PreparePool } from './prepare-pool'
import { EMPTY_STATE, writeState, type EngineState } from './state-file'
import type { EngineStore } from './store-port'

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
  /** A note of more chunks than this is written in parts of this many (default NOTE_PART_CHUNKS), and a hook after each part (tests). */
  notePartChunks?: number
  afterNotePart?: (path: string) => void | Promise<void>
  /** Table versions younger than this survive upkeep, in ms (default 60000: queries in flight keep their files). */
  versionRetentionMs?: number
  /** Rescan period of a root that cannot be watched live (no inotify watches left), in ms (default 30000). */
  pollMs?: number
  /** How long indexing waits after a storage fault (disk full, read-only) before it tries again, in ms (default 30000). */
  faultRetryMs?: number
  /** The prepare workers' limits per note (default DEFAULT_PREPARE_LIMITS). */
  prepareLimits?: PrepareLimits
  /** Which notes are prepared a segment at a time, and the segments' length (default DEFAULT_SEGMENT_OPTIONS; tests). */
  segments?: SegmentOptions
}

/** One indexed folder as the engine tracks it. */
export interface RootEntry {
  state: RootState
  error?: string
  /** Its rules changed during a scan: scan again when that one ends. */
  rescan?: boolean
  /** Why the root is rescanned at an interval instead of watched. */
  notice?: string
  scan?: Promise<void>
  /** Stops the running scan (the engine closes, the root is removed). */
  abort?: AbortController
}

/** Mutable state of one engine, shared by the facade's parts. */
export class EngineCore {
  readonly events = new EventEmitter()
  readonly roots = new Map<string, RootEntry>()
  state: EngineState = structuredClone(EMPTY_STATE)
  model: ModelState
  embedder: Embedder | null = null
  store!: EngineStore
  indexer!: Indexer
  watcher: NoteWatcher | null = null
  healthDetail: string | undefined
  /** The storage fault that stopped indexing, until it clears. */
  fault: SemnoteError | undefined
  closed = false
  /** During a model switch: the previous, complete table (and its model) that searches use until the new one is filled. */
  searchFrom: { store: EngineStore; embedder: Embedder | null } | null = null
  switching: Promise<void> | null = null
  /** While a table of the previous index format answers searches: its vectors are reused for unchanged passages. */
  carryOver: VectorCarryOver | null = null
  /** The prepare pool the current indexer uses. */
  prepareLease: PoolLease | null = null
  /** The query-translation lexicon of the model folders (loaded on the first search that needs it, model or not). */
  readonly lexicon: QueryLexiconSource
  releaseLock: (() => Promise<void>) | null = null
  /** This process's lock on the data dir (writers only). */
  lock: LockOwner | null = null
  readonly maxFileBytes: number
  readonly wantedModelId: string
  /** Emits a status event soon (coalesced); set by the status part. */
  statusChanged: () => void = () => undefined

  constructor(
    readonly options: EngineOptions,
    readonly internals: EngineInternals
  ) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
    this.wantedModelId = options.modelId ?? DEFAULT_SETTINGS.modelId
    this.model = { state: 'loading', id: this.wantedModelId }
    this.lexicon = new QueryLexiconSource(() => [...(this.state.modelFolder ? [this.state.modelFolder] : []), ...this.options.modelDirs])
    this.events.setMaxListeners(100)
  }

  takeLock(taken: { owner: LockOwner; release: () => Promise<void> }): void {
    this.lock = taken.owner
    this.releaseLock = taken.release
  }

  /** True for the process that indexes (holds the data dir's write lock); false for read-only CLI commands. */
  get writes(): boolean {
    return this.internals.resumeIndexing !== false
  }

  emit<E extends EngineEventName>(event: E, payload: EngineEvents[E]): void {
    this.events.emit(event, payload)
  }

  setModel(model: ModelState): void {
    this.model = model
    this.emit('model', model)
  }

  /** Extract + chunk with the model's tokenizer and budget (an estimate when no model is loaded), on this thread. */
  prepareStep() {
    const budget = this.chunkBudget()
    const passages = this.embedder?.passages
    return withSegments(createPrepare(budget, passages), budget, passages, this.segments)
  }

  private get segments(): SegmentOptions {
    return this.internals.segments ?? DEFAULT_SEGMENT_OPTIONS
  }

  /** The same prepare step run by a pool of worker threads (for indexing), sized by `prepareThreads` or the machine. */
  preparePool(): PreparePool {
    const embedder = this.embedder
    const size = this.options.prepareThreads ?? defaultPrepareThreads(this.options.threads ?? defaultThreads(), embedder?.modelIsLight ?? true)
    const budget = this.chunkBudget()
    const limits = this.internals.prepareLimits ?? DEFAULT_PREPARE_LIMITS
    const key = `${embedder ? `${embedder.id}\n${embedder.packDir}` : 'no model'}\n${budget}\n${size}\n${JSON.stringify(limits)}\n${JSON.stringify(this.segments)}`
    this.prepareLease?.release()
    const spec = { budget, documents: documentPool.currentLimits.documents, segments: this.segments, ...(embedder ? { encoder: embedder.passages.spec } : {}) }
    this.prepareLease = leasePreparePool(key, spec, size, limits)
    return this.prepareLease.pool
  }

  private chunkBudget(): number {
    return Math.min(256, this.embedder?.maxTokens ?? 256)
  }

  async saveState(): Promise<void> {
    this.state.roots = [...this.roots.keys()]
    await writeState(this.options.dataDir, this.state)
  }

  /** Resolves when every scan has finished and nothing is queued. */
  async indexingIdle(): Promise<void> {
    for (;;) {
      await Promise.allSettled([...this.roots.values()].map((r) => r.scan))
      await this.indexer.whenIdle()
      if ([...this.roots.values()].every((r) => !r.scan) && (this.indexer.pendingCount === 0 || this.indexer.halted)) return
    }
  }

  /** The indexer's progress, shown as `scanning` while a root is being walked and nothing is queued yet. */
  withScanPhase(progress: IndexProgress): IndexProgress {
    const scanning = [...this.roots.values()].some((r) => r.state === 'scanning')
    return scanning && progress.phase === 'idle' ? { ...progress, phase: 'scanning' } : progress
  }
}
