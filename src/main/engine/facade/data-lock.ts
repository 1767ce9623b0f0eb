// One writer per data dir: a lock file naming its owner (pid, start time, command), taken over when that process is gone.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { SemnoteError } from '../../../shared/errors'

export const LOCK_FILE = 'engine.lock'

/** Who holds the lock. `started` tells a live owner from another process that got its pid later (null where unknown). */
export interface LockOwner {
  pid: number
  started: string | null
  /** Unique per lock taken: the activity file it writes carries it. */
  nonce: string
  command: string
  since: number
}

/** The process's start time in clock ticks after boot (Linux /proc/<pid>/stat field 22), or null where there is no /proc. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 2 (the command name) is in parentheses and may hold spaces: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

/** The command line of a process, where the OS shows it (Linux); null elsewhere. */
function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
  } catch {
    return null
  }
}

/** True when a process with this pid exists. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Reads a lock file: the current JSON form, or the older form holding only a pid. */
function parseOwner(text: string): LockOwner | null {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), started: null, nonce: '', command: '', since: 0 }
  try {
    const json = JSON.parse(trimmed) as Partial<LockOwner>
    if (!Number.isInteger(json.pid) || json.pid! <= 0) return null
    return { pid: json.pid!, started: typeof json.started === 'string' ? json.started : null, nonce: String(json.nonce ?? ''), command: String(json.command ?? ''), since: Number(json.since ?? 0) }
  } catch {
    return null
  }
}

/**
 * True when the lock's owner still runs: its pid is alive and, where the OS tells, it is the same process (same start
 * time; for an old lock without one, a Node, Electron or Semnote command line). A pid reused by another program is not.
 */
function ownerRuns(owner: LockOwner): boolean {
  if (!isAlive(owner.pid)) return false
  const started = processStartTime(owner.pid)
  if (started === null) return true // no /proc here: a live pid has to do
  if (owner.started !== null) return owner.started === started
  return /node|electron|semnote/i.test(commandLine(owner.pid) ?? 'node')
}

/**
 * The live owner of the data dir's lock, or null when nobody holds it (no lock, or a stale one). This process counts only
 * with `includeThisProcess` (a door reading next to the app's own indexer).
 */
export async function lockOwner(dataDir: string, includeThisProcess = false): Promise<LockOwner | null> {
  const owner = parseOwner(await readFile(join(dataDir, LOCK_FILE), 'utf8').catch(() => ''))
  return owner && (includeThisProcess || owner.pid !== process.pid) && ownerRuns(owner) ? owner : null
}

/** "pid 123: semnote index --watch, since 10:02:11" */
export function describeOwner(owner: LockOwner): string {
  const what = owner.command || commandLine(owner.pid) || 'a Semnote process'
  const since = owner.since ? `, since ${new Date(owner.since).toLocaleTimeString()}` : ''
  return `pid ${owner.pid}: ${what.length > 160 ? `${what.slice(0, 157)}...` : what}${since}`
}

/**
 * Takes the data dir's write lock; returns the owner record and the release function. Two engines writing one index would
 * interleave commits (duplicate rows), so a second writer gets ENGINE_UNAVAILABLE while the first one runs.
 */
export async function lockDataDir(dataDir: string): Promise<{ owner: LockOwner; release: () => Promise<void> }> {
  const path = join(dataDir, LOCK_FILE)
  const owner: LockOwner = {
    pid: process.pid,
    started: processStartTime(process.pid),
    nonce: randomBytes(8).toString('hex'),
    command: process.argv.slice(1).join(' ').slice(0, 300),
    since: Date.now()
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(JSON.stringify(owner))
      await handle.close()
      return {
        owner,
        release: async () => {
          const current = parseOwner(await readFile(path, 'utf8').catch(() => ''))
          if (current?.nonce === owner.nonce) await rm(path, { force: true })
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = await lockOwner(dataDir)
      if (holder) {
        throw new SemnoteError(
          'ENGINE_UNAVAILABLE',
          `Another Semnote process (${describeOwner(holder)}) is indexing into ${dataDir}. Wait for it or stop it, or use another --data-dir. If no Semnote is running, delete ${path}.`
        )
      }
      await rm(path, { force: true }) // stale: its owner is gone, or the pid belongs to another program now
    }
  }
  throw new SemnoteError('ENGINE_UNAVAILABLE', `Could not lock ${dataDir}. If no Semnote is running, delete ${path}.`)
}
