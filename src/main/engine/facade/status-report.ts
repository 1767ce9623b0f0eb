// The engine's status: roots, counts, skipped files, model, progress, health and disk use; status events, coalesced.
import type { IndexStatus, RootStatus } from '../../../shared/types'
import { ActivityWriter, type Activity } from './activity'
import { diskUsage } from './disk-usage'
import { UPGRADE_DETAIL } from './format-upgrade'
import type { EngineCore } from './engine-core'
import { readFileReports, ReportsWriter, type FileReports } from './file-reports'
import { viewWriter, type WriterView } from './writer-view'

/**
 * Builds IndexStatus from `core` and emits it soon after each change. The indexing process saves its skipped files and
 * warnings and publishes its activity in the data dir; a process that only reads (CLI search/status/check) shows those,
 * and the indexing process (if one runs) beside its own counts.
 */
export class StatusReport {
  private statusTimer: NodeJS.Timeout | null = null
  private diskCache: { at: number; bytes: number } | null = null
  private readonly reports: ReportsWriter | null
  private activity: ActivityWriter | null = null

  constructor(private readonly core: EngineCore) {
    this.reports = core.writes ? new ReportsWriter(core.options.dataDir, () => this.currentReports()) : null
    core.statusChanged = () => {
      this.changed()
      this.reports?.changed()
    }
  }

  /** Starts publishing this writer's activity (once it holds the lock). */
  publishActivity(): void {
    this.activity = new ActivityWriter(this.core.options.dataDir)
    this.changed()
  }

  /** Stops publishing (before the lock is released). */
  async withdrawActivity(): Promise<void> {
    await this.activity?.remove()
    this.activity = null
  }

  /** What the process holding the lock is doing, for a process that only reads (null when none runs). */
  writer(): Promise<WriterView | null> {
    return viewWriter(this.core.options.dataDir)
  }

  /** Takes back the reports saved by the last run: warnings of notes still indexed (they are not read again) and skipped files. */
  async restoreReports(): Promise<void> {
    const { indexer } = this.core
    const saved = await readFileReports(this.core.options.dataDir)
    for (const entry of saved.skipped) if (!indexer.manifest.has(entry.path)) indexer.skipped.set(entry.path, entry)
    for (const entry of saved.warnings) if (indexer.manifest.has(entry.path)) indexer.warnings.set(entry.path, entry)
  }

  /** Saves the reports now (before the data dir's lock is released). */
  async flushReports(): Promise<void> {
    await this.reports?.flush()
  }

  stop(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer)
  }

  async status(): Promise<IndexStatus> {
    const core = this.core
    const perRoot = new Map<string, { files: number; chunks: number }>()
    let chunks = 0
    for (const file of core.indexer.manifest.values()) {
      const counts = perRoot.get(file.root) ?? { files: 0, chunks: 0 }
      counts.files++
      counts.chunks += file.chunkIds.length
      chunks += file.chunkIds.length
      perRoot.set(file.root, counts)
    }
    const writer = core.writes ? null : await this.writer()
    const live = writer?.activity
    const reports = core.writes ? this.currentReports() : await readFileReports(core.options.dataDir)
    const roots: RootStatus[] = [...core.roots].map(([path, entry]) => {
      const seen = live?.roots.find((r) => r.path === path)
      const state = seen && entry.state !== 'missing' ? seen.state : entry.state
      const error = seen?.error ?? entry.error
      const notice = seen ? seen.notice : entry.notice
      return { path, state, files: perRoot.get(path)?.files ?? 0, chunks: perRoot.get(path)?.chunks ?? 0, ...(error ? { error } : {}), ...(notice ? { notice } : {}) }
    })
    const anyMissing = roots.some((r) => r.state === 'missing')
    return {
      roots,
      files: core.indexer.manifest.size,
      chunks,
      skipped: reports.skipped,
      warnings: reports.warnings,
      model: core.model,
      progress: live?.progress ?? core.withScanPhase(core.indexer.snapshot()),
      ...this.health(anyMissing, live?.fault),
      ...(writer ? { indexer: { pid: writer.owner.pid, command: writer.owner.command, since: writer.owner.since, watching: live?.watching ?? false } } : {}),
      tags: await core.store.tagCounts().catch(() => []),
      diskBytes: await this.diskBytes()
    }
  }

  /** A storage fault first (indexing waits for it), then damage found at open, then an index format upgrade, then a missing root. */
  private health(anyMissing: boolean, writerFault: Activity['fault']): Pick<IndexStatus, 'health' | 'healthDetail' | 'fault'> {
    const { healthDetail } = this.core
    const fault = this.core.fault?.toData() ?? writerFault
    if (fault) return { health: 'stopped', healthDetail: fault.message, fault }
    if (healthDetail) return { health: 'damaged', healthDetail }
    if (this.core.carryOver) return { health: 'rebuilding', healthDetail: UPGRADE_DETAIL }
    return anyMissing ? { health: 'ok', healthDetail: 'a root folder is missing; its notes are kept until it returns' } : { health: 'ok' }
  }

  private currentReports(): FileReports {
    const { indexer } = this.core
    return {
      skipped: [...indexer.skipped.values()].sort((a, b) => a.path.localeCompare(b.path)),
      warnings: [...indexer.warnings.values()].sort((a, b) => a.path.localeCompare(b.path))
    }
  }

  /** Emits a status event soon (coalesced), and publishes it as this writer's activity. */
  private changed(): void {
    if (this.statusTimer || this.core.closed) return
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null
      if (this.core.closed) return
      void this.status().then((status) => {
        this.core.emit('status', status)
        this.publish(status)
      })
    }, 250)
    this.statusTimer.unref()
  }

  private publish(status: IndexStatus): void {
    const { lock, watcher, indexer } = this.core
    if (!this.activity || !lock) return
    this.activity.publish({
      nonce: lock.nonce,
      at: Date.now(),
      watching: watcher !== null,
      commits: indexer.commits,
      progress: status.progress,
      roots: status.roots,
      ...(status.fault ? { fault: status.fault } : {})
    })
  }

  /** Disk use of the data dir, measured at most every few seconds (the walk touches every LanceDB file). */
  private async diskBytes(): Promise<number> {
    const now = Date.now()
    if (!this.diskCache || now - this.diskCache.at > 5000) this.diskCache = { at: now, bytes: await diskUsage(this.core.options.dataDir) }
    return this.diskCache.bytes
  }
}
