// One writer per data dir: a lock file with the owner's pid, taken over when that process is gone (e.g. after a crash).
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SemnoteError } from '../../../shared/errors'

export const LOCK_FILE = 'engine.lock'

/** True when a process with this pid exists. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of the live process holding the data dir's write lock (the one indexing it), or null when none does. */
export async function lockOwner(dataDir: string): Promise<number | null> {
  const owner = Number((await readFile(join(dataDir, LOCK_FILE), 'utf8').catch(() => '')).trim())
  return Number.isInteger(owner) && owner > 0 && isAlive(owner) ? owner : null
}

/**
 * Takes the data dir's write lock; returns the release function. Two engines writing one index would interleave commits
 * (duplicate rows), so a second writer gets ENGINE_UNAVAILABLE while the first one's process lives.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return async () => {
        const owner = await readFile(path, 'utf8').catch(() => '')
        if (owner.trim() === String(process.pid)) await rm(path, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim())
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new SemnoteError('ENGINE_UNAVAILABLE', `Another Semnote process (pid ${owner}) is indexing into ${dataDir}. Close it first, or use another --data-dir.`)
      }
      await rm(path, { force: true }) // stale: its owner is gone
    }
  }
  throw new SemnoteError('ENGINE_UNAVAILABLE', `Could not lock ${dataDir}.`)
}
