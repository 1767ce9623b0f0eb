// Reading a queued note for the indexer: lstat + size cap + bytes, every failure mapped to a skip reason.
import { lstat, readFile } from 'node:fs/promises'
import type { SkippedFile } from '../../../shared/types'
import { describeLink, skip } from '../watch/scan'
import type { FileReader, RawRead } from './file-reader'

/** A note's bytes, a reason it is skipped, or gone (deleted, or a folder now). */
export type CheckedRead = { kind: 'gone' } | { kind: 'skip'; skipped: SkippedFile } | { kind: 'read'; bytes: Buffer; mtimeMs: number; size: number }

/** lstat + size cap + read (on the reader's worker; here if that worker failed), mapping every failure to a skip reason. */
export async function readChecked(reader: FileReader, path: string, maxFileBytes: number): Promise<CheckedRead> {
  const raw = await reader.read(path).catch(() => readRaw(path, maxFileBytes))
  switch (raw.kind) {
    case 'read':
    case 'gone':
      return raw
    case 'link':
      return { kind: 'skip', skipped: await describeLink(path) }
    case 'not-a-file':
      return { kind: 'skip', skipped: skip(path, 'not-a-file', 'not a regular file (device, FIFO or socket)') }
    case 'too-large':
      return { kind: 'skip', skipped: skip(path, 'too-large', `${formatMB(raw.size)} exceeds the ${formatMB(maxFileBytes)} limit`) }
    case 'error':
      return { kind: 'skip', skipped: raw.vanished ? skip(path, 'vanished', 'deleted while it was being read') : skip(path, 'unreadable', raw.message) }
  }
}

/** What the reader's worker does, with async fs calls on this thread (the fallback when the worker is unavailable). */
async function readRaw(path: string, maxBytes: number): Promise<RawRead> {
  let info
  try {
    info = await lstat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' }
    return { kind: 'error', vanished: false, message: (error as Error).message }
  }
  if (info.isSymbolicLink()) return { kind: 'link' }
  if (info.isDirectory()) return { kind: 'gone' }
  if (!info.isFile()) return { kind: 'not-a-file' }
  if (info.size > maxBytes) return { kind: 'too-large', size: info.size }
  try {
    const bytes = await readFile(path)
    return { kind: 'read', bytes, mtimeMs: Math.floor(info.mtimeMs), size: bytes.length }
  } catch (error) {
    return { kind: 'error', vanished: (error as NodeJS.ErrnoException).code === 'ENOENT', message: (error as Error).message }
  }
}

function formatMB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
