// The roots' scan lifecycle: walk a root once its watcher is ready, reconcile it with the manifest, follow its state.
import type { RootState, SkippedFile } from '../../../shared/types'
import type { RootIgnore } from '../watch/ignore-rules'
import { scanRoot, type FileOnDisk } from '../watch/scan'
import type { NoteWatcher } from '../watch/watcher'
import { isDirectory } from './note-paths'
import { notReadReason } from '../extract/not-read'
import { isSupportedPath } from './pipeline'

export interface RootEntry {
  state: RootState
  error?: string
  scan?: Promise<void>
  /** Stops the running scan (the engine closes, the root is removed). */
  abort?: AbortController
}

/** What a root scan needs from the engine. */
export interface RootScanHost {
  roots: Map<string, RootEntry>
  isClosed(): boolean
  watcher(): NoteWatcher | null
  rulesFor(root: string): RootIgnore
  /** Drops the cached ignore rules of `root`, so a rescan reads its .semnoteignore again. */
  forgetRules(root: string): void
  reconcile(root: string, files: FileOnDisk[], skipped: SkippedFile[]): void
  statusChanged(): void
}

/** Scans a root (after its watcher is ready, so no change falls in between) and reconciles it with the manifest. */
export function startRootScan(host: RootScanHost, root: string): void {
  const entry = host.roots.get(root) ?? { state: 'scanning' as RootState }
  host.roots.set(root, entry)
  if (entry.scan) return
  entry.state = 'scanning'
  const abort = new AbortController()
  entry.abort = abort
  entry.scan = (async () => {
    if (!(await isDirectory(root))) {
      entry.state = 'missing'
      await host.watcher()?.addRoot(root)
      return
    }
    host.forgetRules(root)
    await host.watcher()?.addRoot(root)
    const result = await scanRoot(root, host.rulesFor(root), { isSupported: isSupportedPath, notRead: notReadReason, signal: abort.signal })
    if (host.isClosed() || !host.roots.has(root)) return
    host.reconcile(root, result.files, result.skipped)
    entry.state = 'watching'
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
      host.statusChanged()
    })
  host.statusChanged()
}

/** Stops the scans in progress (their promises settle soon after); what they found so far is not used. */
export function abortRootScans(roots: Iterable<RootEntry>): void {
  for (const entry of roots) entry.abort?.abort()
}

/** Follows the watcher's view of a root: a missing root that comes back is scanned again. */
export function onRootStateChange(host: RootScanHost, root: string, rootState: 'watching' | 'missing' | 'error', detail?: string): void {
  const entry = host.roots.get(root)
  if (!entry) return
  if (rootState === 'watching' && entry.state === 'missing' && !entry.scan) {
    startRootScan(host, root)
    return
  }
  if (rootState === 'missing' || rootState === 'error') {
    entry.state = rootState
    if (detail) entry.error = detail
  }
  host.statusChanged()
}
