// The engine's status: roots, counts, skipped files, model, progress, health and disk use; status events, coalesced.
import type { IndexStatus } from '../../../shared/types'
import { diskUsage } from './disk-usage'
import type { EngineCore } from './engine-core'

/** Builds IndexStatus from `core` and emits it soon after each change. */
export class StatusReport {
  private statusTimer: NodeJS.Timeout | null = null
  private diskCache: { at: number; bytes: number } | null = null

  constructor(private readonly core: EngineCore) {
    core.statusChanged = () => this.changed()
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
      skipped: [...core.indexer.skipped.values()].sort((a, b) => a.path.localeCompare(b.path)),
      warnings: [...core.indexer.warnings.values()].sort((a, b) => a.path.localeCompare(b.path)),
      model: core.model,
      progress: core.withScanPhase(core.indexer.snapshot()),
      health: core.healthDetail ? 'damaged' : 'ok',
      ...(core.healthDetail ? { healthDetail: core.healthDetail } : anyMissing ? { healthDetail: 'a root folder is missing; its notes are kept until it returns' } : {}),
      diskBytes: await this.diskBytes()
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
