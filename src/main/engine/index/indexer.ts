// The index queue: decides what to (re)embed, pairs renames, batches embedding across files, and keeps the manifest.
import { hash } from 'node:crypto'
import { lstat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { FileWarning, IndexProgress, SkippedFile } from '../../../shared/types'
import { isInside } from '../paths'
import { extensionOf, skip, type FileOnDisk } from '../watch/scan'
import type { ChunkStorePort, FileFacts, PassageEmbedder, PrepareOrStream, PreparedNote, StoredFile, StreamedNote } from './ports'
import { BatchSize } from './batch-size'
import { embedBatch } from './batch-embedding'
import { readChecked } from './checked-read'
import { FileReader } from './file-reader'
import { stopStreams, type FileRead, type PreparedJob, type QueuedFile } from './jobs'
import { Manifest } from './manifest'
import { headOf, languageOfNote } from './note-head'
import { partsOfChunks, partsOfStream, type PartsOutcome, type PartWriting } from './note-parts'
import { ProgressTracker } from './progress'
import { ReadAheadWindow } from './read-ahead'
import { RenamePairing } from './rename-pairing'
import { unreadable } from './unreadable'
import { WriteLock } from './write-lock'
import { memoryMark } from '../memory-trace'

export interface IndexerOptions {
  store: ChunkStorePort
  prepare: PrepareOrStream
  /** The embedder to use right now, or null for keyword-only rows. */
  embedder: () => PassageEmbedder | null
  /** Files larger than this are skipped as `too-large`. */
  maxFileBytes: number
  /** Chunks gathered across files per embed call and commit. Default: adaptive, about one second of embedding (32 to 1024). */
  batchChunks?: number
  /** A note of more chunks than this is embedded and written in parts of this many (default NOTE_PART_CHUNKS). */
  notePartChunks?: number
  /** Called after each part of such a note is committed (tests: a crash between parts). */
  afterNotePart?: (path: string) => void | Promise<void>
  /** How long a removed file's rows wait for a matching new file before they are deleted (default 1500 ms). */
  renameWindowMs?: number
  /**
   * False for a path the ignore rules exclude now, checked when a change arrives and again right before the file is read,
   * so a .semnoteignore written together with the notes it excludes is obeyed whichever event comes first.
   */
  admits?: (root: string, path: string) => boolean
  /**
   * False when a root folder is gone (renamed away, unmounted): its notes' rows are kept for its return rather than deleted
   * one by one as their files vanish (the engine marks the root missing).
   */
  rootPresent?: (root: string) => Promise<boolean>
  /** True while file events are still arriving (a burst, e.g. a branch switch): deletions wait, renames can still pair. */
  eventsPending?: () => boolean
  onProgress?: (progress: IndexProgress) => void
  /** Files, chunks or skipped files changed. */
  onChange?: () => void
  /**
   * Storing failed (disk full, read-only, the index folder deleted): indexing halts with its work still queued, and this is
   * told why. `retry()` goes on; `onRecovered` follows once work runs without failing again.
   */
  onFailure?: (error: unknown) => void
  onRecovered?: () => void
}

/** Files written per commit at most, below the chunk budget (many tiny notes still make one commit). */
const MIN_FILES_PER_COMMIT = 64
/**
 * A note of more chunks than this is embedded and written a part at a time (one commit each), so the vectors and rows held
 * follow the part, not the note: a 19 MB note has ~16,000 chunks, 64 MB of 1024-d vectors, and LanceDB took ~0.5 GB to
 * commit them at once. See ChunkStore.replaceFileInParts for why a crash between parts is repaired.
 */
export const NOTE_PART_CHUNKS = 2048

/**
 * A streamed note (over 2 MB) is written in parts of at most this many chunks: the engine then holds less of it (a part's
 * chunks, token ids and vectors, and LanceDB's memory for its commit) while its worker keeps reading. Five 19 MB notes
 * (79,873 chunks) settled ~70 MB lower while written in parts of 512 than of 2,048, for the same CPU time (issue 19.13).
 */
export const STREAMED_NOTE_PART_CHUNKS = 512

interface PendingDelete {
  root: string
  dueAt: number
  /** Delete even if the file still exists (a scan no longer lists it: it is ignored now). */
  evenIfPresent: boolean
}

/** Keeps the chunk table in step with the files on disk. */
export class Indexer {
  /** path -> what the table holds for it. Derived from the table at open, then updated after each commit. */
  readonly manifest = new Manifest()
  readonly skipped = new Map<string, SkippedFile>()
  /** Files indexed with extraction warnings (since this process started). */
  readonly warnings = new Map<string, FileWarning>()
  /** Chunks embedded by this process (for tests and the bench). */
  embeddedChunks = 0
  /** Files whose rows were found damaged at open: left out of the manifest, so the scan queues them; rewritten from scratch. */
  readonly damagedFiles = new Map<string, string>()

  private readonly queue = new Map<string, QueuedFile>()
  private readonly pendingDeletes = new Map<string, PendingDelete>()
  /** Roots filed under a containing root (see moveRoot): old root -> new root. */
  private readonly movedRoots = new Map<string, string>()
  private readonly renames = new RenamePairing(this.manifest, (path) => this.pendingDeletes.has(path))
  private readonly progress = new ProgressTracker()
  private readonly reader: FileReader
  private readonly readsAhead = new ReadAheadWindow((path) => this.readAhead(path))
  private readonly batchSize: BatchSize
  private readonly writes = new WriteLock()
  private readonly renameWindowMs: number
  private readonly notePartChunks: number
  private paused = false
  private closed = false
  /** Why indexing halted (see IndexerOptions.onFailure), until retry(). */
  private failure: unknown = null
  private retrying = false
  private running: Promise<void> | null = null
  private wake: (() => void) | null = null
  private idleWaiters: (() => void)[] = []
  private currentFile: string | undefined
  private generation = 0
  /**
   * The batch being embedded and written while the loop prepares the next one (at most one: memory stays bounded).
   * `done` never rejects; it resolves to the batch's failure, which `settleInFlight` rethrows in the loop.
   */
  private inFlight: { paths: Set<string>; done: Promise<{ error: unknown } | null> } | null = null

  private constructor(private readonly options: IndexerOptions) {
    this.batchSize = new BatchSize(options.batchChunks)
    this.renameWindowMs = options.renameWindowMs ?? 1500
    this.notePartChunks = Math.max(1, options.notePartChunks ?? NOTE_PART_CHUNKS)
    this.reader = new FileReader(options.maxFileBytes)
  }

  /** Loads the manifest from the chunk table. */
  static async open(options: IndexerOptions): Promise<Indexer> {
    const indexer = new Indexer(options)
    for (const file of await options.store.listFiles()) {
      if (file.damaged) indexer.damagedFiles.set(file.path, file.root)
      else indexer.remember(file)
    }
    return indexer
  }

  /** Store writes that succeeded (a reading process compares the count before and after a check). */
  get commits(): number {
    return this.writes.commits
  }

  /** Files queued or being worked on. */
  get pendingCount(): number {
    return this.queue.size + this.pendingDeletes.size
  }

  /** True while indexing is halted by a storage failure (its work stays queued). */
  get halted(): boolean {
    return this.failure !== null
  }

  /** Goes on after a storage failure. */
  retry(): void {
    if (this.failure === null) return
    this.failure = null
    this.retrying = true
    this.kick()
  }

  /** Compares a fresh scan of `root` with the manifest: new or changed files are queued, vanished ones deleted. */
  reconcile(root: string, files: FileOnDisk[], scanSkipped: SkippedFile[]): void {
    const seen = new Set<string>()
    for (const file of files) {
      seen.add(file.path)
      const known = this.manifest.get(file.path)
      if (known && known.mtime === file.mtimeMs && known.size === file.size) {
        this.skipped.delete(file.path)
        continue
      }
      this.enqueue(file.path, root, file.mtimeMs, file.size)
    }
    for (const [path, known] of this.manifest) {
      if (known.root === root && !seen.has(path) && !this.queue.has(path)) this.scheduleDelete(path, root, 0, true)
    }
    for (const [path, fileRoot] of this.damagedFiles) {
      if (fileRoot === root && !seen.has(path)) {
        this.damagedFiles.delete(path)
        this.scheduleDelete(path, root, 0, true)
      }
    }
    for (const path of [...this.skipped.keys()]) if (isInside(path, root) && !seen.has(path)) this.skipped.delete(path)
    for (const entry of scanSkipped) this.skipped.set(entry.path, entry)
    this.kick()
    this.options.onChange?.()
  }

  /** Settled watcher paths (files or removed folders): queue what exists, schedule what vanished. */
  async touched(root: string, paths: string[]): Promise<void> {
    for (const path of paths) {
      this.dropReplacedByFolder(root, path)
      const info = await lstat(path).catch(() => null)
      if (info) {
        // A folder now where a note was (rm c.md; mkdir c.md): the note's rows go, after the rename window.
        if (info.isDirectory()) {
          if (this.manifest.has(path)) this.scheduleDelete(path, root, this.renameWindowMs)
          continue
        }
        if (this.options.admits?.(root, path) === false) this.dropIgnored(path, root)
        else this.enqueue(path, root, Math.floor(info.mtimeMs), info.size)
        continue
      }
      this.queue.delete(path)
      this.skipped.delete(path)
      for (const known of this.manifest.under(path)) this.scheduleDelete(known, root, this.renameWindowMs)
      for (const skippedPath of [...this.skipped.keys()]) if (isInside(skippedPath, path)) this.skipped.delete(skippedPath)
    }
    this.kick()
  }

  /** Queues single files (outside any watched root); `root` is recorded with their rows. */
  addFiles(files: { path: string; root: string; mtimeMs: number }[]): void {
    for (const file of files) this.enqueue(file.path, file.root, file.mtimeMs)
    this.kick()
  }

  /**
   * Files everything of root `from` under root `to`, a folder containing it that became a root: queued work, pending
   * deletes and rows (text and vectors kept, so nothing is embedded again). Jobs already prepared are written under `to`.
   */
  async moveRoot(from: string, to: string): Promise<void> {
    this.movedRoots.set(from, to)
    for (const item of this.queue.values()) if (item.root === from) item.root = to
    for (const item of this.pendingDeletes.values()) if (item.root === from) item.root = to
    for (const [path, root] of this.damagedFiles) if (root === from) this.damagedFiles.set(path, to)
    await this.exclusive(async () => {
      await this.options.store.moveRoot(from, to)
      for (const file of this.manifest.values()) if (file.root === from) file.root = to
    })
    this.options.onChange?.()
  }

  /** Drops everything of `root`: queued work, skipped entries and its rows. */
  async forgetRoot(root: string): Promise<void> {
    for (const [path, item] of this.queue) if (item.root === root) this.queue.delete(path)
    for (const [path, item] of this.pendingDeletes) if (item.root === root) this.pendingDeletes.delete(path)
    for (const path of [...this.skipped.keys()]) if (isInside(path, root)) this.skipped.delete(path)
    const paths = [...this.manifest.values()].filter((f) => f.root === root).map((f) => f.path)
    await this.exclusive(async () => {
      if (paths.length > 0) await this.options.store.deleteFiles(paths)
      for (const path of paths) this.forget(path)
    })
    this.options.onChange?.()
  }

  /** Stops taking new batches (the one in flight finishes); the queue is kept. */
  pause(): IndexProgress {
    this.paused = true
    return this.emitProgress()
  }

  /** Continues with the queue where pause() left it. */
  resume(): IndexProgress {
    this.paused = false
    this.kick()
    return this.emitProgress()
  }

  /** Drops all queued work (rows already written stay; a later scan requeues what is missing). */
  cancel(): void {
    this.queue.clear()
    this.generation++
    this.kick()
  }

  /** Current progress of this run. */
  snapshot(): IndexProgress {
    const phase = (this.paused || this.halted) && this.pendingCount > 0 ? 'paused' : this.running && this.pendingCount + (this.currentFile ? 1 : 0) > 0 ? 'indexing' : 'idle'
    return this.progress.snapshot(phase, this.queue.size, this.currentFile)
  }

  /** Resolves when the queue and the pending deletions are empty (immediately when they already are). */
  whenIdle(): Promise<void> {
    if (!this.running && (this.pendingCount === 0 || this.halted)) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops after the batch in flight; queued work is dropped (the next open's scan finds it again). */
  async close(): Promise<void> {
    this.closed = true
    this.cancel()
    this.pendingDeletes.clear()
    await this.running
    await this.reader.close()
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  private enqueue(path: string, root: string, mtimeMs: number, size?: number): void {
    if (this.closed) return
    this.pendingDeletes.delete(path)
    this.queue.set(path, { root, mtimeMs, ...(size !== undefined ? { size } : {}) })
  }

  /**
   * A note whose name is now a folder on the path of a changed file (rm c.md; mkdir c.md; echo > c.md/x.md): the watcher
   * may report only the new file, so the note's rows are scheduled for deletion here.
   */
  private dropReplacedByFolder(root: string, path: string): void {
    for (let dir = dirname(path); dir !== root && isInside(dir, root); dir = dirname(dir)) {
      if (this.manifest.has(dir)) this.scheduleDelete(dir, root, this.renameWindowMs)
    }
  }

  /** A path the ignore rules now exclude: not queued, not reported, its rows deleted. */
  private dropIgnored(path: string, root: string): void {
    this.queue.delete(path)
    this.skipped.delete(path)
    if (this.manifest.has(path)) this.scheduleDelete(path, root, 0, true)
  }

  private scheduleDelete(path: string, root: string, delayMs: number, evenIfPresent = false): void {
    if (!this.pendingDeletes.has(path)) this.pendingDeletes.set(path, { root, dueAt: Date.now() + delayMs, evenIfPresent })
  }

  private remember(file: StoredFile): void {
    this.manifest.remember(file)
  }

  private forget(path: string): void {
    this.warnings.delete(path)
    this.manifest.forget(path)
  }

  private kick(): void {
    if (this.wake) {
      const wake = this.wake
      this.wake = null
      wake()
    }
    if (!this.running && !this.closed && !this.halted && this.pendingCount > 0) {
      this.progress.reset()
      this.running = this.loop().finally(() => {
        this.running = null
        this.currentFile = undefined
        this.emitProgress()
        if (this.pendingCount > 0 && !this.closed && !this.halted) this.kick()
        else for (const resolve of this.idleWaiters.splice(0)) resolve()
      })
    }
  }

  private emitProgress(): IndexProgress {
    const snapshot = this.snapshot()
    this.options.onProgress?.(snapshot)
    return snapshot
  }

  /**
   * Works until nothing is queued; pauses without losing its place. Only `runBatch` leaves a batch in flight. A failure
   * halts it (the failed work is queued again first) and is reported, never thrown.
   */
  private async loop(): Promise<void> {
    let failure: unknown = null
    try {
      await this.work()
    } catch (error) {
      failure = error
    }
    const late = await this.settleInFlight().then(
      () => null,
      (error: unknown) => error
    )
    failure ??= late
    if (this.closed) return
    if (failure !== null) {
      this.failure = failure
      this.readsAhead.clear()
      this.options.onFailure?.(failure)
    } else if (this.retrying) {
      this.retrying = false
      this.options.onRecovered?.()
    }
  }

  private async work(): Promise<void> {
    while (!this.closed) {
      if (this.queue.size > 0 && !this.paused) {
        await this.runBatch()
        continue
      }
      // Deletions and pauses wait for the batch in flight, so a file's rows are never written after its deletion.
      await this.settleInFlight()
      if (this.paused) {
        this.emitProgress()
        await new Promise<void>((resolve) => (this.wake = resolve))
        continue
      }
      if (this.queue.size > 0) continue
      if (this.pendingDeletes.size === 0) return
      const nextDue = Math.min(...[...this.pendingDeletes.values()].map((d) => d.dueAt))
      const wait = this.options.eventsPending?.() ? Math.max(200, nextDue - Date.now()) : nextDue - Date.now()
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait)
          this.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        continue
      }
      await this.runDueDeletes()
    }
  }

  /** Takes the newest queued files until a batch of chunks is full, embeds them together, then commits the batch at once. */
  private async runBatch(): Promise<void> {
    const generation = this.generation
    const jobs: PreparedJob[] = []
    const ordered = [...this.queue].sort((a, b) => b[1].mtimeMs - a[1].mtimeMs)
    try {
      await this.prepareBatch(ordered, jobs, generation)
    } catch (error) {
      // Storing failed while preparing (or the batch in flight failed): this batch's files wait in the queue again.
      this.requeue(jobs)
      throw error
    }
    // Reads of files that were requeued (changed again) or dropped meanwhile are stale.
    this.readsAhead.dropStale((path, item) => this.queue.get(path) === item)
    if (jobs.length === 0) return
    // Embedding and writing this batch overlaps preparing the next one (file reads, extraction and chunking).
    await this.settleInFlight().catch((error: unknown) => {
      this.requeue(jobs)
      throw error
    })
    const done = this.embedAndStore(jobs).then(
      () => (this.emitProgress(), null),
      (error: unknown) => ({ error })
    )
    this.inFlight = { paths: new Set(jobs.map((job) => job.facts.path)), done }
  }

  /** Reads and prepares the newest queued files into `jobs` until a batch of chunks is full. */
  private async prepareBatch(ordered: [string, QueuedFile][], jobs: PreparedJob[], generation: number): Promise<void> {
    let chunksToEmbed = 0
    for (const [position, [path, item]] of ordered.entries()) {
      this.readsAhead.fill(ordered, position)
      const batchChunks = this.batchSize.value
      if (chunksToEmbed >= batchChunks || jobs.length >= Math.max(MIN_FILES_PER_COMMIT, batchChunks) || this.closed || this.paused || generation !== this.generation) break
      if (this.queue.get(path) !== item) continue
      // A file of the batch in flight is prepared against the manifest that batch leaves behind.
      if (this.inFlight?.paths.has(path)) await this.settleInFlight()
      if (this.queue.get(path) !== item) continue
      if (this.options.admits?.(item.root, path) === false) {
        this.dropIgnored(path, item.root)
        continue
      }
      this.queue.delete(path)
      this.currentFile = path
      let job: PreparedJob | null
      try {
        job = await this.prepareFile(path, item.root, this.readsAhead.take(item))
      } catch (error) {
        if (!this.queue.has(path)) this.queue.set(path, item)
        throw error
      }
      if (job) {
        jobs.push(job)
        chunksToEmbed += this.options.embedder() && !job.renamedFrom ? job.vectors.filter((v) => v === undefined).length : 0
        // A streamed note holds a prepare worker until it is written: it ends the batch, and is written next.
        if (job.stream) break
      } else {
        this.progress.fileDone()
      }
      if (jobs.length === 0 && ordered.length > 1) this.emitProgressThrottled()
    }
  }

  /** Puts the files of jobs that were not stored back in the queue (unless queued again meanwhile). */
  private requeue(jobs: PreparedJob[]): void {
    this.renames.release(jobs)
    stopStreams(jobs)
    for (const { facts } of jobs) if (!this.queue.has(facts.path)) this.queue.set(facts.path, { root: facts.root, mtimeMs: facts.mtime, size: facts.size })
  }

  /** Waits for the batch in flight (if any) and rethrows its failure. */
  private async settleInFlight(): Promise<void> {
    const batch = this.inFlight
    if (!batch) return
    const failure = await batch.done
    if (this.inFlight === batch) this.inFlight = null
    if (failure) throw failure.error
  }

  private lastProgressAt = 0
  private emitProgressThrottled(): void {
    const now = Date.now()
    if (now - this.lastProgressAt < 200) return
    this.lastProgressAt = now
    this.emitProgress()
  }

  /** Reads one file and decides: nothing to do (null), or chunks to embed and store. */
  private async prepareFile(path: string, root: string, read: Promise<FileRead>): Promise<PreparedJob | null> {
    const outcome = await read
    if (outcome.kind === 'gone') {
      this.skipped.delete(path)
      if (this.manifest.has(path)) this.scheduleDelete(path, root, this.renameWindowMs)
      return null
    }
    if (outcome.kind === 'skip') {
      this.skipped.set(path, outcome.skipped)
      if (this.manifest.has(path)) await this.deleteNow([path])
      this.options.onChange?.()
      return null
    }
    const { bytes, mtimeMs, size } = outcome
    if (this.damagedFiles.delete(path)) await this.exclusive(() => this.options.store.deleteFiles([path])) // a clean slate: merging into broken rows could keep them
    const { contentHash } = outcome
    const known = this.manifest.get(path)
    if (known && known.contentHash === contentHash) {
      this.skipped.delete(path)
      if (known.mtime !== mtimeMs || known.size !== size || known.root !== root) {
        await this.exclusive(() => this.options.store.touchFile(path, mtimeMs, size))
        this.remember({ ...known, mtime: mtimeMs, size })
      }
      return null
    }
    const note = await (outcome.prepared ?? this.prepareNote(path, bytes))
    // A streamed note starts once the batch before it is written: a large note's first pass never runs while another
    // one's last parts are embedded and written (measured: ~+50-100 MB of peak RSS when they overlapped).
    if (note.ok && 'streamed' in note) await this.settleInFlight()
    const prepared = note.ok && 'streamed' in note ? await headOf(note) : note
    if (!prepared.ok) {
      this.skipped.set(path, skip(path, prepared.reason, prepared.detail))
      if (known) await this.deleteNow([path])
      this.options.onChange?.()
      return null
    }
    this.skipped.delete(path)
    if (prepared.warnings.length > 0) this.warnings.set(path, { path, detail: prepared.warnings.join('; '), at: Date.now() })
    else this.warnings.delete(path)
    const lang = 'steps' in prepared ? prepared.lang : await languageOfNote(prepared.lang, prepared.chunks)
    const facts: FileFacts = { path, root, title: prepared.title, ext: extensionOf(path), lang, contentHash, mtime: mtimeMs, size }
    const renamedFrom = await this.renames.claim(path, contentHash)
    if (renamedFrom) {
      if ('steps' in prepared) void prepared.steps.return()
      return { facts, chunks: 'steps' in prepared ? [] : prepared.chunks, vectors: [], renamedFrom }
    }
    const reusable = await this.reusableVectors(path, contentHash)
    if ('steps' in prepared) return { facts, chunks: [], vectors: [], stream: { steps: prepared.steps, reuse: reusable } }
    return { facts, chunks: prepared.chunks, vectors: prepared.chunks.map((c) => reusable.get(c.embedKey)) }
  }

  /** Vectors already computed for this file's previous version or for another file with the same content. */
  private async reusableVectors(path: string, contentHash: string): Promise<Map<string, Float32Array>> {
    if (!this.options.embedder()) return new Map()
    const sources = [path, ...this.manifest.withHash(contentHash)].filter((p, i, all) => this.manifest.has(p) && all.indexOf(p) === i)
    const merged = new Map<string, Float32Array>()
    for (const source of sources.slice(0, 2)) for (const [key, vector] of await this.options.store.vectorsOf(source)) merged.set(key, vector)
    return merged
  }

  private async embedAndStore(batch: PreparedJob[]): Promise<void> {
    const embedder = this.options.embedder()
    const large = batch.filter((job) => !job.renamedFrom && (job.stream || job.chunks.length > this.notePartChunks))
    const jobs = batch.filter((job) => !large.includes(job))
    for (const [k, job] of large.entries()) {
      if (this.closed) return stopStreams(large)
      try {
        await this.storeLarge(job, embedder)
      } catch (error) {
        this.requeue([...large.slice(k + 1), ...jobs])
        throw error
      }
    }
    if (jobs.length === 0) return
    if (embedder) {
      try {
        const startedAt = performance.now()
        const embedded = await embedBatch(jobs, embedder)
        if (embedded > 0) this.batchSize.measured(embedded, performance.now() - startedAt)
        this.embeddedChunks += embedded
      } catch (error) {
        this.renames.release(jobs)
        for (const job of jobs) this.skipped.set(job.facts.path, skip(job.facts.path, 'error', `embedding failed: ${(error as Error).message}`))
        this.progress.fileDone(jobs.length)
        this.options.onChange?.()
        return
      }
    }
    if (this.closed) return
    for (const job of jobs) job.facts.root = this.movedRoots.get(job.facts.root) ?? job.facts.root
    const writes = jobs.filter((job) => !job.renamedFrom)
    const renames = jobs.filter((job) => job.renamedFrom)
    await this.exclusive(async () => {
      const ids = await this.options.store.writeBatch(
        writes.map((job) => ({ facts: job.facts, chunks: job.chunks, vectors: embedder ? (job.vectors as Float32Array[]) : null })),
        renames.map((job) => ({ from: job.renamedFrom!, to: job.facts }))
      )
      const record = (job: PreparedJob, chunkIds: string[]) => {
        const { path, root, contentHash, mtime, size } = job.facts
        this.remember({ path, root, contentHash, mtime, size, chunkIds })
      }
      writes.forEach((job, i) => record(job, ids.files[i]))
      renames.forEach((job, i) => {
        this.pendingDeletes.delete(job.renamedFrom!)
        this.forget(job.renamedFrom!)
        record(job, ids.renames[i])
      })
    }).then(
      () => this.renames.release(jobs),
      (error: unknown) => {
        this.requeue(jobs)
        throw error
      }
    )
    this.progress.fileDone(jobs.length)
    this.progress.chunksStored(writes.reduce((sum, job) => sum + job.chunks.length, 0))
    this.options.onChange?.()
  }

  /**
   * A large note, embedded and committed a part at a time (see note-parts.ts: last part first when prepared whole, in order
   * with chunk 0 last when streamed). The manifest learns the note after the last part; a part that fails leaves the note
   * out of the table and the manifest: queued again on a storage failure, skipped when its reading or embedding failed.
   */
  private async storeLarge(job: PreparedJob, embedder: PassageEmbedder | null): Promise<void> {
    const { facts } = job
    const outcome: PartsOutcome = { chunks: 0, skip: null }
    const writing: PartWriting = {
      size: job.stream ? Math.min(this.notePartChunks, STREAMED_NOTE_PART_CHUNKS) : this.notePartChunks,
      embedder,
      closed: () => this.closed,
      afterPart: () => this.options.afterNotePart?.(facts.path),
      embedded: (count) => (this.embeddedChunks += count)
    }
    const parts = job.stream ? partsOfStream(job.stream.steps, job.stream.reuse, writing, outcome) : partsOfChunks(job.chunks, job.vectors, writing, outcome)
    facts.root = this.movedRoots.get(facts.root) ?? facts.root
    if (job.stream) memoryMark('streamed note')
    try {
      const chunkIds = await this.exclusive(() => this.options.store.writeFileInParts(facts, parts))
      const { path, root, contentHash, mtime, size: bytes } = facts
      this.remember({ path, root, contentHash, mtime, size: bytes, chunkIds })
    } catch (error) {
      stopStreams([job])
      this.forget(facts.path)
      if (this.closed) return
      if (!outcome.skip) {
        this.requeue([job])
        throw error
      }
      this.skipped.set(facts.path, skip(facts.path, outcome.skip.reason, outcome.skip.detail))
    }
    this.progress.fileDone(1)
    this.progress.chunksStored(outcome.chunks)
    this.options.onChange?.()
  }

  private async runDueDeletes(): Promise<void> {
    const now = Date.now()
    const due: string[] = []
    const items = new Map<string, PendingDelete>()
    const present = new Map<string, boolean>()
    for (const [path, item] of this.pendingDeletes) {
      if (item.dueAt > now) continue
      this.pendingDeletes.delete(path)
      if (!present.has(item.root)) present.set(item.root, (await this.options.rootPresent?.(item.root)) ?? true)
      if (!present.get(item.root)) continue // kept for the root's return; its scan then settles what is really gone
      const info = item.evenIfPresent ? null : await lstat(path).catch(() => null)
      if (info?.isFile()) this.enqueue(path, item.root, Math.floor(info.mtimeMs), info.size)
      else (due.push(path), items.set(path, item))
    }
    if (due.length > 0) {
      await this.deleteNow(due).catch((error: unknown) => {
        for (const [path, item] of items) if (!this.pendingDeletes.has(path) && !this.queue.has(path)) this.pendingDeletes.set(path, { ...item, dueAt: 0 })
        throw error
      })
    }
    this.progress.fileDone(due.length)
  }

  private async deleteNow(paths: string[]): Promise<void> {
    await this.exclusive(async () => {
      await this.options.store.deleteFiles(paths)
      for (const path of paths) this.forget(path)
    })
    this.options.onChange?.()
  }

  /**
   * Reads a file ahead of its turn, hashes it, and when its content differs from what the table holds, starts preparing it
   * at once, so several notes are prepared at a time (by the prepare pool's workers). When its turn comes it is still
   * checked against the manifest as it is then; a note prepared for nothing is dropped.
   */
  private async readAhead(path: string): Promise<FileRead> {
    const outcome = await readChecked(this.reader, path, this.options.maxFileBytes)
    if (outcome.kind !== 'read') return outcome
    const contentHash = hash('sha256', outcome.bytes)
    const unchanged = this.manifest.get(path)?.contentHash === contentHash
    return { ...outcome, contentHash, prepared: unchanged ? undefined : this.prepareNote(path, outcome.bytes) }
  }

  /** The prepare step's answer for a note; a step that throws becomes a skip. */
  private async prepareNote(path: string, bytes: Buffer): Promise<PreparedNote | StreamedNote> {
    try {
      return await this.options.prepare(path, bytes)
    } catch (error) {
      return { ok: false, ...unreadable(error) }
    }
  }

  /** Runs store writes one at a time so the manifest always follows the table. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.writes.run(work)
  }
}
