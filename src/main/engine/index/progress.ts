// Indexing progress: files done/total for the current run, chunks per second over a sliding window, and an ETA.
import type { IndexPhase, IndexProgress } from '../../../shared/types'

const WINDOW_MS = 10_000

/** Tracks one indexing run (from leaving idle to becoming idle again). */
export class ProgressTracker {
  private filesDone = 0
  private chunksDone = 0
  private chunkTimes: { at: number; count: number }[] = []
  private startedAt = 0

  /** Marks files as finished (indexed, unchanged, skipped or removed). */
  fileDone(count = 1): void {
    this.filesDone += count
  }

  /** Records freshly embedded (or stored) chunks for the rate. */
  chunksStored(count: number): void {
    if (count <= 0) return
    const now = Date.now()
    if (this.startedAt === 0) this.startedAt = now
    this.chunksDone += count
    this.chunkTimes.push({ at: now, count })
    while (this.chunkTimes.length > 0 && now - this.chunkTimes[0].at > WINDOW_MS) this.chunkTimes.shift()
  }

  /** Starts a new run: counters back to zero. */
  reset(): void {
    this.filesDone = 0
    this.chunksDone = 0
    this.chunkTimes = []
    this.startedAt = 0
  }

  snapshot(phase: IndexPhase, filesLeft: number, currentFile?: string): IndexProgress {
    const rate = this.rate()
    const chunksPerFile = this.filesDone > 0 ? this.chunksDone / this.filesDone : 0
    const etaSeconds = filesLeft === 0 ? 0 : rate > 0 && chunksPerFile > 0 ? (filesLeft * chunksPerFile) / rate : null
    return {
      phase,
      filesDone: this.filesDone,
      filesTotal: this.filesDone + filesLeft,
      chunksDone: this.chunksDone,
      chunksPerSecond: Math.round(rate * 10) / 10,
      etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds),
      ...(currentFile ? { currentFile } : {})
    }
  }

  private rate(): number {
    if (this.chunkTimes.length === 0) return 0
    const now = Date.now()
    const since = Math.max(this.startedAt, now - WINDOW_MS)
    const seconds = Math.max(1, now - since) / 1000
    return this.chunkTimes.filter((t) => t.at >= since).reduce((sum, t) => sum + t.count, 0) / seconds
  }
}
