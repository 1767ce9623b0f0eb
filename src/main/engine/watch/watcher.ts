// Watches several roots with chokidar, waits until writes settle, coalesces bursts and notices roots that vanish or return.
// When the system runs out of inotify watches, a root falls back to rescans at an interval, and says so.
import { stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { watch, type FSWatcher } from 'chokidar'
import { join } from 'node:path'
import { isRulesFile, type RootIgnore } from './ignore-rules'

export interface WatcherOptions {
  /** True for file names the extractor can read. */
  isSupported: (path: string) => boolean
  /** The ignore rules of a root (looked up on every event, so new rules apply at once). */
  rulesFor: (root: string) => RootIgnore
  /** Settled paths of one root: files that were added, changed or removed, or removed folders. */
  onChanges: (root: string, paths: string[]) => void
  /** A .semnoteignore of the root or a subfolder was created, changed or removed (the caller should reload the rules and rescan). */
  onRulesChanged?: (root: string) => void
  /**
   * A root went missing, came back (the caller should rescan it), its watcher failed, or it is rescanned at an interval
   * (`polling`, with why) because the system has no inotify watches left.
   */
  onRootState: (root: string, state: 'watching' | 'missing' | 'error' | 'polling', detail?: string) => void
  /** A polled root is due for a rescan. */
  onPoll?: (root: string) => void
  /** How often a root is rescanned once live watching is impossible. Default 30000 ms. */
  pollMs?: number
  /** A path must be quiet this long (and keep its size and mtime) before it is reported. Default 300 ms. */
  settleMs?: number
  /** How often roots are checked for existence. Default 2000 ms. */
  rootCheckMs?: number
}

/** fs.watch errors meaning the system (not this folder) ran out of watches or descriptors. */
const OUT_OF_WATCHES = new Set(['ENOSPC', 'EMFILE'])

interface PendingPath {
  root: string
  lastEventAt: number
  signature: string | null
}

/** Watches note roots; reports settled changes in batches per root. */
export class NoteWatcher {
  private readonly watchers = new Map<string, FSWatcher>()
  /** Ends the wait for a watcher's first scan (its "ready"), for a watcher closed before it finished. */
  private readonly readyWaits = new Map<FSWatcher, () => void>()
  private readonly missing = new Set<string>()
  /** Roots rescanned at an interval instead of watched (no inotify watches left), with their timers. */
  private readonly polled = new Map<string, NodeJS.Timeout>()
  /** Device and inode of each watched root when its watcher started: a root deleted and recreated between two checks gets a new one. */
  private readonly identities = new Map<string, string>()
  private readonly pending = new Map<string, PendingPath>()
  private readonly settleMs: number
  private readonly settleTimer: NodeJS.Timeout
  private readonly rootTimer: NodeJS.Timeout
  private flushing = false
  private closed = false

  constructor(private readonly options: WatcherOptions) {
    this.settleMs = options.settleMs ?? 300
    this.settleTimer = setInterval(() => void this.flushSettled(), Math.max(50, this.settleMs / 2))
    this.rootTimer = setInterval(() => void this.checkRoots(), options.rootCheckMs ?? 2000)
    this.settleTimer.unref()
    this.rootTimer.unref()
  }

  /** Paths seen changing that have not settled yet (a burst in progress). */
  get unsettledCount(): number {
    return this.pending.size
  }

  /** Roots currently watched or waiting to reappear. */
  get roots(): string[] {
    return [...new Set([...this.watchers.keys(), ...this.polled.keys(), ...this.missing])]
  }

  /** True when `root` is rescanned at an interval rather than watched. */
  isPolled(root: string): boolean {
    return this.polled.has(root)
  }

  /** Starts watching `root` (an absolute real path); resolves once chokidar has finished its own setup walk. */
  async addRoot(root: string): Promise<void> {
    if (this.closed || this.watchers.has(root) || this.polled.has(root)) return
    if (!(await isDirectory(root))) {
      this.missing.add(root)
      this.options.onRootState(root, 'missing')
      return
    }
    this.missing.delete(root)
    this.identities.set(root, await identityOf(root))
    const rules = () => this.options.rulesFor(root)
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      ignored: (path: string, stats?: Stats) =>
        !isRulesFile(path) && (stats ? rules().ignores(path, stats.isDirectory()) : rules().ignores(path, false) || rules().ignores(path, true))
    })
    this.watchers.set(root, watcher)
    watcher.on('all', (event, path) => {
      if (event === 'addDir') return
      if (isRulesFile(path)) {
        this.options.onRulesChanged?.(root)
        return
      }
      if (event !== 'unlinkDir' && !this.options.isSupported(path)) return
      this.touch(root, path)
    })
    // A note replaced by a folder of its name (rm c.md; mkdir c.md) gives no chokidar event at all, only a raw one.
    watcher.on('raw', (event, name, details) => {
      const watchedPath = (details as { watchedPath?: unknown } | undefined)?.watchedPath
      if (event !== 'rename' || typeof name !== 'string' || typeof watchedPath !== 'string') return
      const path = join(watchedPath, name)
      if (this.options.isSupported(path) && !rules().ignores(path, false)) this.touch(root, path)
    })
    const fallback: { switching: Promise<void> | null } = { switching: null }
    let stopWaiting = () => undefined as void
    // Closed before its first scan is done, a watcher never says 'ready': closing ends the wait instead.
    const ready = new Promise<void>((resolve) => {
      stopWaiting = resolve
      this.readyWaits.set(watcher, resolve)
      watcher.once('ready', () => resolve())
    })
    watcher.on('error', (error) => {
      if (!OUT_OF_WATCHES.has((error as NodeJS.ErrnoException).code ?? '')) return this.options.onRootState(root, 'error', (error as Error).message)
      fallback.switching ??= this.pollInstead(root, watcher, error as NodeJS.ErrnoException).finally(stopWaiting) // closed before it was ready
    })
    await ready
    this.readyWaits.delete(watcher)
    await fallback.switching
    if (!this.closed && this.watchers.get(root) === watcher) this.options.onRootState(root, 'watching')
  }

  /**
   * The system has no inotify watches (or descriptors) left: a watcher that sees only part of the folder would miss
   * notes silently, so it is closed and the root is rescanned every pollMs instead. Status says so, with the fix.
   */
  private async pollInstead(root: string, watcher: FSWatcher, error: NodeJS.ErrnoException): Promise<void> {
    if (this.watchers.get(root) !== watcher) return
    this.watchers.delete(root)
    for (const [path, entry] of this.pending) if (entry.root === root) this.pending.delete(path)
    await watcher.close()
    if (this.closed) return
    const pollMs = this.options.pollMs ?? 30_000
    const timer = setInterval(() => this.options.onPoll?.(root), pollMs)
    timer.unref()
    this.polled.set(root, timer)
    const why = error.code === 'EMFILE' ? 'the process has no file descriptors left for watching' : 'the system inotify watch limit is reached'
    const fix = process.platform === 'linux' ? 'raise fs.inotify.max_user_watches (e.g. sudo sysctl fs.inotify.max_user_watches=524288) and restart Semnote to watch live' : 'restart Semnote with fewer folders to watch live'
    this.options.onRootState(root, 'polling', `not watching live: ${why}; checking for changes every ${Math.round(pollMs / 1000)} s. To fix it, ${fix}.`)
  }

  private stopPolling(root: string): void {
    const timer = this.polled.get(root)
    if (timer) clearInterval(timer)
    this.polled.delete(root)
  }

  /** Stops watching `root` and drops its pending events. */
  async removeRoot(root: string): Promise<void> {
    this.missing.delete(root)
    this.stopPolling(root)
    this.identities.delete(root)
    for (const [path, entry] of this.pending) if (entry.root === root) this.pending.delete(path)
    const watcher = this.watchers.get(root)
    this.watchers.delete(root)
    if (watcher) this.readyWaits.get(watcher)?.()
    await watcher?.close()
  }

  /** Stops everything; pending events are dropped (the next start's scan catches them). */
  async close(): Promise<void> {
    this.closed = true
    clearInterval(this.settleTimer)
    clearInterval(this.rootTimer)
    for (const root of [...this.polled.keys()]) this.stopPolling(root)
    const all = [...this.watchers.values()]
    this.watchers.clear()
    this.pending.clear()
    for (const resolve of this.readyWaits.values()) resolve()
    await Promise.all(all.map((w) => w.close()))
  }

  private touch(root: string, path: string): void {
    const entry = this.pending.get(path)
    if (entry) entry.lastEventAt = Date.now()
    else this.pending.set(path, { root, lastEventAt: Date.now(), signature: null })
  }

  /** Reports paths that stayed quiet for settleMs and whose size+mtime did not move since the last look. */
  private async flushSettled(): Promise<void> {
    if (this.flushing || this.pending.size === 0) return
    this.flushing = true
    try {
      const now = Date.now()
      const ready = new Map<string, string[]>()
      for (const [path, entry] of [...this.pending]) {
        if (now - entry.lastEventAt < this.settleMs) continue
        const signature = await statSignature(path)
        if (this.pending.get(path) !== entry) continue
        if (signature !== null && signature !== entry.signature) {
          // Still being written, or first look: confirm the size and mtime hold until the next tick.
          entry.signature = signature
          continue
        }
        this.pending.delete(path)
        const list = ready.get(entry.root) ?? []
        list.push(path)
        ready.set(entry.root, list)
      }
      for (const [root, paths] of ready) if (this.watchers.has(root)) this.options.onChanges(root, paths)
    } finally {
      this.flushing = false
    }
  }

  /** Notices roots that disappeared (state missing, watcher closed) or came back (watched again). */
  private async checkRoots(): Promise<void> {
    for (const root of [...this.watchers.keys()]) {
      // Still there and still the same folder; a folder recreated in place leaves chokidar on the old (deleted) one.
      if ((await isDirectory(root)) && (await identityOf(root)) === this.identities.get(root)) continue
      const watcher = this.watchers.get(root)
      if (!watcher) continue
      this.watchers.delete(root)
      for (const [path, entry] of this.pending) if (entry.root === root) this.pending.delete(path)
      this.missing.add(root)
      await watcher.close()
      this.options.onRootState(root, 'missing')
    }
    for (const root of [...this.polled.keys()]) {
      if (await isDirectory(root)) continue
      this.stopPolling(root)
      this.missing.add(root)
      this.options.onRootState(root, 'missing')
    }
    for (const root of [...this.missing]) {
      if (this.closed || !(await isDirectory(root))) continue
      await this.addRoot(root)
    }
  }
}

/** "dev:ino" of a folder ("" when it is gone). */
async function identityOf(path: string): Promise<string> {
  const info = await stat(path).catch(() => null)
  return info ? `${info.dev}:${info.ino}` : ''
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false
}

/** "size:mtime" of a file, or null when it is gone. */
async function statSignature(path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null)
  return info ? `${info.size}:${info.mtimeMs}` : null
}
