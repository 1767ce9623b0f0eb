// The indexed folders: adding, removing, scanning and watching them, their ignore rules, and single files outside them.
import { realpath, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import type { IndexStatus, RootPreview, RootState } from '../../../shared/types'
import { isInside } from '../paths'
import { RootIgnore } from '../watch/ignore-rules'
import { scanRoot } from '../watch/scan'
import { NoteWatcher } from '../watch/watcher'
import { notReadReason } from '../extract/not-read'
import type { EngineCore, RootEntry } from './engine-core'
import { isDirectory, realFolder } from './note-paths'
import { isSupportedPath } from './pipeline'
import { writeState } from './state-file'

/** Scans and watches the roots of `core`, and answers the root calls. */
export class RootWork {
  private readonly ignoreCache = new Map<string, RootIgnore>()

  constructor(
    private readonly core: EngineCore,
    private readonly status: () => Promise<IndexStatus>
  ) {}

  /** Creates the watcher (unless watching is off) and starts every saved root and single file. */
  async resume(): Promise<void> {
    const core = this.core
    if (core.options.watch !== false) {
      core.watcher = new NoteWatcher({
        isSupported: isSupportedPath,
        rulesFor: (root) => this.rulesFor(root),
        onChanges: (root, paths) => void core.indexer.touched(root, paths),
        onRootState: (root, rootState, detail) => this.onRootState(root, rootState, detail),
        onRulesChanged: (root) => this.rulesChanged(root),
        onPoll: (root) => this.startRoot(root),
        ...(core.internals.pollMs !== undefined ? { pollMs: core.internals.pollMs } : {}),
        ...(core.internals.settleMs !== undefined ? { settleMs: core.internals.settleMs } : {}),
        ...(core.internals.rootCheckMs !== undefined ? { rootCheckMs: core.internals.rootCheckMs } : {})
      })
    }
    for (const root of core.state.roots) core.roots.set(root, { state: 'scanning' })
    if (!core.writes) {
      for (const [root, entry] of core.roots) entry.state = (await isDirectory(root)) ? 'indexed' : 'missing'
      return
    }
    for (const root of core.state.roots) this.startRoot(root)
    void this.queueSingleFiles(core.state.files)
  }

  /**
   * The state file is gone or damaged but the table still holds notes: take the roots back from the rows (the outermost
   * `root` values), so their notes are neither orphaned nor forgotten. Single files come back as their folder.
   */
  async recoverLostRoots(damaged: boolean): Promise<void> {
    const core = this.core
    if (core.state.roots.length > 0 || core.state.files.length > 0 || core.indexer.manifest.size === 0) return
    const roots = [...new Set([...core.indexer.manifest.values()].map((f) => f.root))]
    core.state.roots = roots.filter((root) => !roots.some((other) => other !== root && isInside(root, other)))
    core.healthDetail = `engine state file was ${damaged ? 'damaged' : 'missing'}; ${core.state.roots.length} indexed folder(s) recovered from the index`
    if (core.writes) await writeState(core.options.dataDir, core.state)
  }

  /** False for a path of a root that its ignore rules exclude (single files outside roots are always admitted). */
  admits(root: string, path: string): boolean {
    return !this.core.roots.has(root) || !this.rulesFor(root).ignores(path, false)
  }

  /** False for a root whose folder is gone (single files' folders count as present). */
  async present(root: string): Promise<boolean> {
    return !this.core.roots.has(root) || (await isDirectory(root))
  }

  /** A .semnoteignore changed: new notes are judged by the new rules at once, and the root is scanned again (after a scan that is running). */
  rulesChanged(root: string): void {
    this.ignoreCache.delete(root)
    const entry = this.core.roots.get(root)
    if (entry?.scan) entry.rescan = true
    else this.startRoot(root)
  }

  rulesFor(root: string): RootIgnore {
    let rules = this.ignoreCache.get(root)
    if (!rules) this.ignoreCache.set(root, (rules = new RootIgnore(root, this.core.state.ignorePatterns)))
    return rules
  }

  /** Scans a root (after its watcher is ready, so no change falls in between) and reconciles it with the manifest. */
  startRoot(root: string): void {
    const core = this.core
    const entry = core.roots.get(root) ?? { state: 'scanning' as RootState }
    core.roots.set(root, entry)
    if (entry.scan) return
    entry.state = 'scanning'
    const abort = new AbortController()
    entry.abort = abort
    entry.scan = (async () => {
      if (!(await isDirectory(root))) {
        entry.state = 'missing'
        await core.watcher?.addRoot(root)
        return
      }
      this.ignoreCache.delete(root)
      await core.watcher?.addRoot(root)
      const result = await scanRoot(root, this.rulesFor(root), { isSupported: isSupportedPath, notRead: notReadReason, signal: abort.signal })
      if (core.closed || !core.roots.has(root)) return
      core.indexer.reconcile(root, result.files, result.skipped)
      entry.state = !core.watcher ? 'indexed' : core.watcher.isPolled(root) ? 'polling' : 'watching'
      delete entry.error
    })()
      .catch((error: Error) => {
        if (abort.signal.aborted) return
        entry.state = 'error'
        entry.error = error.message
      })
      .finally(() => {
        delete entry.scan
        delete entry.abort
        core.statusChanged()
        if (entry.rescan && !abort.signal.aborted && !core.closed && core.roots.get(root) === entry) {
          delete entry.rescan
          this.startRoot(root)
        }
      })
    core.statusChanged()
  }

  /** Restarts every root (after a model switch or new ignore patterns). */
  restartAll(): void {
    for (const root of this.core.roots.keys()) this.startRoot(root)
  }

  async queueSingleFiles(paths: string[]): Promise<void> {
    const indexer = this.core.indexer
    const files = []
    for (const path of paths) {
      const info = await stat(path).catch(() => null)
      if (info?.isFile()) files.push({ path, root: dirname(path), mtimeMs: Math.floor(info.mtimeMs) })
    }
    indexer.addFiles(files.filter((f) => !indexer.manifest.has(f.path) || indexer.manifest.get(f.path)!.mtime !== f.mtimeMs))
  }

  async previewRoot(path: unknown): Promise<RootPreview> {
    const root = await realFolder(path)
    const rules = new RootIgnore(root, this.core.state.ignorePatterns)
    const result = await scanRoot(root, rules, { isSupported: isSupportedPath })
    return {
      path: root,
      files: result.files.length,
      ignored: result.ignored,
      ignoreRules: rules.rules,
      sample: result.files.slice(0, 10).map((f) => f.path)
    }
  }

  async addRoots(paths: unknown): Promise<IndexStatus> {
    const core = this.core
    if (!Array.isArray(paths)) throw new SemnoteError('INVALID_PAYLOAD', 'addRoots needs a list of folders.')
    for (const path of paths) {
      const root = await realFolder(path)
      if ([...core.roots.keys()].some((existing) => isInside(root, existing))) continue
      for (const existing of [...core.roots.keys()].filter((r) => isInside(r, root))) await this.fileRootUnder(existing, root)
      core.roots.set(root, { state: 'scanning' })
      this.startRoot(root)
    }
    await core.saveState()
    return this.status()
  }

  async removeRoot(path: unknown): Promise<IndexStatus> {
    const real = typeof path === 'string' ? await realpath(path).catch(() => path) : path
    const root = [...this.core.roots.keys()].find((r) => r === path || r === real)
    if (!root) throw new SemnoteError('NOT_FOUND', `Not an indexed folder: ${String(path)}`)
    await this.dropRoot(root)
    await this.core.saveState()
    return this.status()
  }

  async setIgnorePatterns(patterns: unknown): Promise<IndexStatus> {
    if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== 'string')) throw new SemnoteError('INVALID_PAYLOAD', 'patterns must be strings.')
    this.core.state.ignorePatterns = [...(patterns as string[])]
    this.ignoreCache.clear()
    await this.core.saveState()
    this.restartAll()
    return this.status()
  }

  private onRootState(root: string, rootState: 'watching' | 'missing' | 'error' | 'polling', detail?: string): void {
    const entry = this.core.roots.get(root)
    if (!entry) return
    if (rootState === 'polling') {
      entry.notice = detail
      if (!entry.scan) entry.state = 'polling'
    } else if (rootState !== 'error') {
      delete entry.notice // watched again (after a restart of its watcher), or gone
    }
    if (rootState === 'watching' && entry.state === 'missing' && !entry.scan) {
      this.startRoot(root)
      return
    }
    if (rootState === 'missing' || rootState === 'error') {
      entry.state = rootState
      if (detail) entry.error = detail
    }
    this.core.statusChanged()
  }

  /** A root inside a newly added root stops being a root of its own; its notes keep their rows and vectors. */
  private async fileRootUnder(root: string, parent: string): Promise<void> {
    this.core.roots.delete(root)
    this.ignoreCache.delete(root)
    await this.core.watcher?.removeRoot(root)
    await this.core.indexer.moveRoot(root, parent)
  }

  private async dropRoot(root: string): Promise<void> {
    abortRootScans([this.core.roots.get(root)].filter((entry) => entry !== undefined))
    this.core.roots.delete(root)
    this.ignoreCache.delete(root)
    await this.core.watcher?.removeRoot(root)
    await this.core.indexer.forgetRoot(root)
  }
}

/** Stops the scans in progress (their promises settle soon after); what they found so far is not used. */
export function abortRootScans(roots: Iterable<RootEntry>): void {
  for (const entry of roots) entry.abort?.abort()
}
