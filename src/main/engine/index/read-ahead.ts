// Reads queued files ahead of their turn (a bounded window of files and bytes), so file I/O and preparing overlap.
import type { FileRead, QueuedFile } from './jobs'

/** Files read ahead of the one being prepared (at most), requested half a window at a time (one message to the reader). */
const READ_AHEAD = 16
/** ...and at most this many bytes of them (a folder of 19 MB notes is read one note at a time). */
const READ_AHEAD_BYTES = 32 * 1024 * 1024

export class ReadAheadWindow {
  /** Reads started, by queue entry (a file queued again gets a new entry, so an older read is never used for it). */
  private readonly reads = new Map<QueuedFile, { path: string; read: Promise<FileRead> }>()

  constructor(private readonly readFile: (path: string) => Promise<FileRead>) {}

  /** Makes sure the file at `position` of `ordered` is being read, and tops up the reads of the files after it. */
  fill(ordered: readonly [string, QueuedFile][], position: number): void {
    const item = ordered[position]![1]
    if (this.reads.has(item) && position % (READ_AHEAD / 2) !== 0) return
    let pendingBytes = [...this.reads.keys()].reduce((sum, queued) => sum + (queued.size ?? 0), 0)
    for (const [next, nextItem] of ordered.slice(position, position + READ_AHEAD)) {
      if (this.reads.has(nextItem)) continue
      if (nextItem !== item && pendingBytes + (nextItem.size ?? 0) > READ_AHEAD_BYTES) break
      pendingBytes += nextItem.size ?? 0
      this.reads.set(nextItem, { path: next, read: this.readFile(next) })
    }
  }

  /** The read of a queue entry `fill` started, handed over once. */
  take(item: QueuedFile): Promise<FileRead> {
    const started = this.reads.get(item)!
    this.reads.delete(item)
    return started.read
  }

  /** Drops the reads of entries no longer queued as they were (changed again, or dropped). */
  dropStale(isQueued: (path: string, item: QueuedFile) => boolean): void {
    for (const [item, { path }] of this.reads) if (!isQueued(path, item)) this.reads.delete(item)
  }

  clear(): void {
    this.reads.clear()
  }
}
