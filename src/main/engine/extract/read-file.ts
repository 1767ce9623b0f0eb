// Reads a note's bytes defensively: never opens FIFOs or devices, enforces the size cap, maps fs errors to skip reasons.
import { constants, type Stats } from 'node:fs'
import { lstat, open, stat } from 'node:fs/promises'
import type { Skip } from './types'

/** Default size cap for one file: 20 MB. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024

/** Read size once a file turns out larger than it was when opened. */
const READ_CHUNK_BYTES = 1024 * 1024

export interface FileBytes {
  ok: true
  bytes: Buffer
  mtimeMs: number
}

/** "52.4 MB", "20 MB", "812 KB", "17 bytes" (binary multiples, as file managers on Windows show them). */
export function formatBytes(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB']
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`
  let value = bytes
  let unit = ''
  for (const next of units) {
    if (value < 1024 && unit) break
    value /= 1024
    unit = next
  }
  const rounded = Math.round(value * 10) / 10
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} ${unit}`
}

function tooLarge(size: number, maxBytes: number): Skip {
  return { ok: false, reason: 'too-large', detail: `${formatBytes(size)} exceeds the ${formatBytes(maxBytes)} limit` }
}

function describeNonFile(stats: Stats): string {
  if (stats.isDirectory()) return 'is a folder'
  if (stats.isFIFO()) return 'is a named pipe (FIFO)'
  if (stats.isSocket()) return 'is a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device'
  return 'is not a regular file'
}

function notAFile(stats: Stats): Skip {
  return { ok: false, reason: 'not-a-file', detail: describeNonFile(stats) }
}

/** Maps an fs error to a skip reason. */
async function skipFor(error: unknown, path: string): Promise<Skip> {
  const code = (error as NodeJS.ErrnoException)?.code
  switch (code) {
    case 'ENOENT': {
      const link = await lstat(path).catch(() => null)
      if (link?.isSymbolicLink()) return { ok: false, reason: 'unreadable', detail: 'broken symbolic link (its target does not exist)' }
      return { ok: false, reason: 'vanished', detail: 'the file no longer exists' }
    }
    case 'ENOTDIR':
      return { ok: false, reason: 'vanished', detail: 'a folder on its path no longer exists' }
    case 'ELOOP':
      return { ok: false, reason: 'symlink-loop', detail: 'symbolic link loop (too many levels of links)' }
    case 'EACCES':
    case 'EPERM':
      return { ok: false, reason: 'unreadable', detail: 'permission denied' }
    case 'EISDIR':
      return { ok: false, reason: 'not-a-file', detail: 'is a folder' }
    case 'ENAMETOOLONG':
      return { ok: false, reason: 'unreadable', detail: 'the path is too long' }
    case 'EAGAIN':
    case 'EBUSY':
    case 'ETXTBSY':
      return { ok: false, reason: 'unreadable', detail: 'the file is busy or locked' }
    default: {
      const message = error instanceof Error ? error.message : String(error)
      return { ok: false, reason: 'error', detail: code ? `${code}: ${message}` : message }
    }
  }
}

/**
 * Reads a regular file of at most `maxBytes`. Checks the type with stat before opening (a FIFO would block a
 * read), opens non-blocking, re-checks the opened handle, and stops reading once the cap is passed (files can grow).
 * Never throws: fs errors become skips (vanished, unreadable, symlink-loop, not-a-file, too-large, error).
 */
export async function readFileBytes(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<FileBytes | Skip> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    return skipFor(error, path)
  }
  if (!info.isFile()) return notAFile(info)
  if (info.size > maxBytes) return tooLarge(info.size, maxBytes)

  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return skipFor(error, path)
  }
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) return notAFile(opened)
    if (opened.size > maxBytes) return tooLarge(opened.size, maxBytes)
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      // First read: the whole file plus one byte (to see EOF); then fixed chunks in case it grew.
      const wanted = chunks.length === 0 ? opened.size + 1 : READ_CHUNK_BYTES
      const chunk = Buffer.allocUnsafe(Math.min(wanted, maxBytes + 1 - total))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) return tooLarge(Math.max(total, opened.size), maxBytes)
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total), mtimeMs: opened.mtimeMs }
  } catch (error) {
    return skipFor(error, path)
  } finally {
    await handle.close().catch(() => undefined)
  }
}
