// The engine's status: roots, counts, skipped files, model, progress, health and disk use; status events, coalesced.
import type { IndexStatus } from '../../../shared/types'
import { diskUsage } from './disk-usage'
import type { EngineCore } from './engine-core'
import { readFileReports, ReportsWriter, type FileReports } from './file-reports'

/**
 * Builds IndexStatus from `core` and emits it soon after each change. The indexing process saves its skipped files and
 * warnings in the data dir; a process that only reads (CLI search/status/check) lists the saved ones.
 */
export class StatusReport {
  private statusTimer: NodeJS.Timeout | null = null
  private diskCache: { at: number; bytes: number } | null = null
  private readonly reports: ReportsWriter | null

  constructor(private readonly core: EngineCore) {
    this.reports = core.writes ? new ReportsWriter(core.options.dataDir, () => this.currentReports()) : null
    core.statusChanged = () => {
      this.changed()
      this.reports?.changed()
    }
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
    const anyMissing = [...core.roots.values()].some((r) => r.state === 'missing')
    const reports = core.writes ? this.currentReports() : await readFileReports(core.options.dataDir)
    return {
      roots: [...core.roots].map(([path, entry]) => ({
        path,
        state: entry.state,
        files: perRoot.get(path)?.files ?? 0,
        chunks: perRoot.get(path)?.chunks ?? 0,
        ...(entry.error ? { error: entry.error } : {})
      })),
      files: core.indexer.manifest.size,
      chunks,
      skipped: reports.skipped,
      warnings: reports.warnings,
      model: core.model,
      progress: core.withScanPhase(core.indexer.snapshot()),
      ...this.health(anyMissing),
      diskBytes: await this.diskBytes()
    }
  }

  /** A storage fault first (indexing waits for it), then damage found at open, then a missing root. */
  private health(anyMissing: boolean): Pick<IndexStatus, 'health' | 'healthDetail' | 'fault'> {
    const { fault, healthDetail } = this.core
    if (fault) return { health: 'stopped', healthDetail: fault.message, fault: fault.toData() }
    if (healthDetail) return { health: 'damaged', healthDetail }
    return anyMissing ? { health: 'ok', healthDetail: 'a root folder is missing; its notes are kept until it returns' } : { health: 'ok' }
  }

  private currentReports(): FileReports {
    const { indexer } = this.core
    return {
      skipped: [...indexer.skipped.values()].sort((a, b) => a.path.localeCompare(b.path)),
      warnings: [...indexer.warnings.values()].sort((a, b) => a.path.localeCompare(b.path))
    }
  }

  /** Emits a status event soon (coalesced). */
  private changed(): void {
    if (this.statusTimer || this.core.closed) return
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null
      if (!this.core.closed) void this.status().then((s) => this.core.emit('status', s))
    }, 250)
    this.statusTimer.unref()
  }

  /** Disk use of the data dir, measured at most every few seconds (the walk touches every LanceDB file). */
  private async diskBytes(): Promise<number> {
    const now = Date.now()
    if (!this.diskCache || now - this.diskCache.at > 5000) this.diskCache = { at: now, bytes: await diskUsage(this.core.options.dataDir) }
    return this.diskCache.bytes
  }
}
