// A one-line progress bar for long indexing runs on a terminal (stderr), silent when not a TTY.
import type { IndexProgress } from '../../shared/types'

/** Draws `progress` in place on a TTY stream; `done()` ends the line. */
export class ProgressBar {
  private drawn = false
  private lastDraw = 0

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY)
  }

  update(progress: IndexProgress): void {
    if (!this.enabled || progress.filesTotal === 0) return
    const now = Date.now()
    if (now - this.lastDraw < 100 && progress.filesDone < progress.filesTotal) return
    this.lastDraw = now
    this.stream.write(`\r${formatProgress(progress, Math.max(10, Math.min(30, (this.stream.columns ?? 80) - 60)))}\x1b[K`)
    this.drawn = true
  }

  done(): void {
    if (this.drawn) this.stream.write('\n')
    this.drawn = false
  }
}

/** "[#####.....] 120/300 files  45.0 chunks/s  ETA 12s" */
export function formatProgress(progress: IndexProgress, width = 24): string {
  const fraction = progress.filesTotal ? Math.min(1, progress.filesDone / progress.filesTotal) : 0
  const filled = Math.round(fraction * width)
  const eta = progress.etaSeconds === null ? '' : `  ETA ${formatSeconds(progress.etaSeconds)}`
  const state = progress.phase === 'paused' ? '  (paused)' : ''
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.filesDone}/${progress.filesTotal} files  ${progress.chunksPerSecond.toFixed(1)} chunks/s${eta}${state}`
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`
}
