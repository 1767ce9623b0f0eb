// Pairs a changed file with a vanished file of the same content, so the rows move to it instead of being embedded again.
import { lstat } from 'node:fs/promises'
import type { Manifest } from './manifest'
import type { PreparedJob } from './jobs'

export class RenamePairing {
  /** Rename sources taken by a job of a batch not yet committed (one source feeds one target). */
  private readonly claimed = new Set<string>()

  constructor(
    private readonly manifest: Manifest,
    /** True while a path's rows wait for deletion (its file was removed within the rename window). */
    private readonly deletionPending: (path: string) => boolean
  ) {}

  /** A file with `contentHash` whose own file is gone, claimed for `path`; null when there is none. */
  async claim(path: string, contentHash: string): Promise<string | null> {
    for (const other of this.manifest.withHash(contentHash)) {
      if (other === path || this.claimed.has(other)) continue
      if (this.deletionPending(other) || !(await lstat(other).catch(() => null))) {
        this.claimed.add(other)
        return other
      }
    }
    return null
  }

  /** Frees the sources of jobs that were written or dropped. */
  release(jobs: readonly PreparedJob[]): void {
    for (const job of jobs) if (job.renamedFrom) this.claimed.delete(job.renamedFrom)
  }
}
