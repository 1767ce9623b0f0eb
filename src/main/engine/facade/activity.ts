// What the indexing process is doing (roots, progress, fault, commits), published in the data dir for processes that only read.
import { randomBytes } from 'node:crypto'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SemnoteErrorData } from '../../../shared/errors'
import type { IndexProgress, RootStatus } from '../../../shared/types'

export const ACTIVITY_FILE = 'engine-activity.json'

export interface Activity {
  /** The nonce of the lock the writer holds: activity of an earlier (dead) writer does not count. */
  nonce: string
  at: number
  /** True when the writer watches its roots for changes. */
  watching: boolean
  /** Store writes the writer made so far: a reader compares it before and after a check. */
  commits: number
  progress: IndexProgress
  roots: RootStatus[]
  fault?: SemnoteErrorData
}

/** The activity the writer holding lock `nonce` published last, or null. */
export async function readActivity(dataDir: string, nonce: string): Promise<Activity | null> {
  try {
    const activity = JSON.parse(await readFile(join(dataDir, ACTIVITY_FILE), 'utf8')) as Activity
    return activity.nonce === nonce ? activity : null
  } catch {
    return null
  }
}

/** Writes the writer's activity, at most every `spacingMs` (the last state always lands); removed on close. */
export class ActivityWriter {
  private pending: Activity | null = null
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()
  private readonly path: string

  constructor(
    dataDir: string,
    private readonly spacingMs = 300
  ) {
    this.path = join(dataDir, ACTIVITY_FILE)
  }

  publish(activity: Activity): void {
    this.pending = activity
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.write()
    }, this.spacingMs)
    this.timer.unref()
  }

  /** Writes what is pending now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.write()
  }

  /** Stops publishing and removes the file (the lock goes with it). */
  async remove(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending = null
    await this.writing
    await rm(this.path, { force: true }).catch(() => undefined)
  }

  private write(): Promise<void> {
    const activity = this.pending
    this.pending = null
    if (!activity) return this.writing
    this.writing = this.writing
      .then(async () => {
        const temp = `${this.path}.${randomBytes(4).toString('hex')}.tmp`
        await writeFile(temp, JSON.stringify(activity))
        await rename(temp, this.path).catch(async (error: unknown) => {
          await rm(temp, { force: true })
          throw error
        })
      })
      .catch(() => {
        // Best effort: readers then see no activity and say so; the next change writes again.
      })
    return this.writing
  }
}
