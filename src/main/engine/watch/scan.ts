// Walks a root folder and lists the note files to index, honouring ignore rules and never following symbolic links.
import { constants, type Stats } from 'node:fs'
import { access, lstat, opendir, realpath, stat } from 'node:fs/promises'
import { dirname, extname, join, sep } from 'node:path'
import type { SkippedFile } from '../../../shared/types'
import type { RootIgnore } from './ignore-rules'

/** A file found on disk, identified by its absolute path. */
export interface FileOnDisk {
  path: string
  size: number
  /** Whole milliseconds (the precision the index stores). */
  mtimeMs: number
}

export interface ScanResult {
  files: FileOnDisk[]
  skipped: SkippedFile[]
  /** Entries left out by ignore rules (files and folders). */
  ignored: number
}

export interface ScanOptions {
  /** True for file names the extractor can read. */
  isSupported: (path: string) => boolean
  /** Why a file that is not read would interest the user (a known document format), else null: listed as skipped. */
  notRead?: (path: string) => string | null
  /** Called now and then so a long scan can report progress or be cancelled (throw to stop). */
  onProgress?: (filesFound: number) => void
  /** Stops the walk (rejecting with the signal's reason): closing the engine does not wait for a large first scan. */
  signal?: AbortSignal
}

/** Lower-case extension without the dot ("" when none). */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase()
}

/**
 * Lists every supported, non-ignored file under `root`. Symbolic links are not followed: a link that
 * points at one of its own ancestors is reported as `symlink-loop`, any other link as `not-a-file`.
 * Unreadable folders are reported as `unreadable`; the scan goes on.
 */
export async function scanRoot(root: string, rules: RootIgnore, options: ScanOptions): Promise<ScanResult> {
  const result: ScanResult = { files: [], skipped: [], ignored: 0 }
  const pending = [root]
  while (pending.length > 0) {
    options.signal?.throwIfAborted()
    const dir = pending.pop() as string
    let handle
    try {
      handle = await opendir(dir)
    } catch (error) {
      if (dir === root) throw error
      result.skipped.push(skip(dir, 'unreadable', `folder cannot be read: ${(error as Error).message}`))
      continue
    }
    // A folder's files are stat'ed a batch at a time, concurrently: one at a time, the thread-pool round trips took
    // most of a large scan.
    const files: string[] = []
    try {
      for await (const entry of handle) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) {
          if (rules.ignores(path, true)) result.ignored++
          else pending.push(path)
        } else if (entry.isSymbolicLink()) {
          if (rules.ignores(path, false)) result.ignored++
          else if (options.isSupported(path) || (await isDirectoryLink(path))) result.skipped.push(await describeLink(path))
        } else if (entry.isFile()) {
          const ignoredByRule = rules.ignores(path, false)
          if (ignoredByRule || !options.isSupported(path)) {
            const reason = ignoredByRule ? null : options.notRead?.(path)
            if (reason) result.skipped.push(skip(path, 'unsupported-type', reason))
            else result.ignored++
            continue
          }
          files.push(path)
          if (files.length >= STAT_BATCH) {
            options.signal?.throwIfAborted()
            await statInto(result, files.splice(0), options)
          }
        } else if (!rules.ignores(path, false) && options.isSupported(path)) {
          result.skipped.push(skip(path, 'not-a-file', 'not a regular file (FIFO, socket or device)'))
        }
      }
    } catch (error) {
      options.signal?.throwIfAborted()
      result.skipped.push(skip(dir, 'unreadable', `folder listing failed: ${(error as Error).message}`))
    }
    await statInto(result, files, options)
  }
  return result
}

/** Files of one folder stat'ed together at most (the thread pool runs four at a time). */
const STAT_BATCH = 64

/**
 * lstat's `paths` concurrently and adds them to `result` in the same order: as files, or skips when not reachable or not
 * readable (a note made unreadable after it was indexed keeps its size and mtime, so only this tells it apart).
 */
async function statInto(result: ScanResult, paths: string[], options: ScanOptions): Promise<void> {
  const infos = await Promise.all(
    paths.map(async (path) => {
      const info = await lstat(path).catch((error: NodeJS.ErrnoException) => error)
      if (info instanceof Error || modeLetsUsRead(info)) return info
      return access(path, constants.R_OK).then(
        () => info,
        (error: NodeJS.ErrnoException) => error
      )
    })
  )
  infos.forEach((info, index) => {
    const path = paths[index]!
    if (info instanceof Error) {
      // Listed but not reachable: a folder that can be listed but not entered, or a name that is not valid UTF-8
      // (Node decodes it with U+FFFD, so the spelled path does not exist). A plain ENOENT is a file deleted meanwhile.
      if (info.code !== 'ENOENT') result.skipped.push(skip(path, 'unreadable', `file cannot be read: ${info.message}`))
      else if (path.includes('\ufffd')) result.skipped.push(skip(path, 'unreadable', 'the file name is not valid UTF-8, so it cannot be opened'))
      return
    }
    result.files.push({ path, size: info.size, mtimeMs: Math.floor(info.mtimeMs) })
    if (result.files.length % 500 === 0) options.onProgress?.(result.files.length)
  })
}

const uid = process.getuid?.()
const groups = new Set([...(process.getgroups?.() ?? []), process.getgid?.()])

/** True when the mode bits alone let this process read the file; otherwise access() decides (root, ACLs, capabilities). */
function modeLetsUsRead(info: Stats): boolean {
  if (uid === undefined) return true // Windows: no POSIX modes
  if (info.mode & 0o004) return true
  if (info.uid === uid) return (info.mode & 0o400) !== 0
  return groups.has(info.gid) && (info.mode & 0o040) !== 0
}

async function isDirectoryLink(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false
}

/** Classifies a symbolic link for the skipped list. */
export async function describeLink(path: string): Promise<SkippedFile> {
  let target: string
  try {
    target = await realpath(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') return skip(path, 'symlink-loop', 'symbolic link loops back on itself')
    return skip(path, 'not-a-file', 'symbolic link to nothing (dangling)')
  }
  const parent = dirname(path)
  if (parent === target || parent.startsWith(target + sep)) {
    return skip(path, 'symlink-loop', `symbolic link points back to its ancestor ${target}`)
  }
  return skip(path, 'not-a-file', `symbolic link to ${target} (links are not followed)`)
}

/** Builds a SkippedFile stamped now. */
export function skip(path: string, reason: SkippedFile['reason'], detail: string): SkippedFile {
  return { path, reason, detail, at: Date.now() }
}
