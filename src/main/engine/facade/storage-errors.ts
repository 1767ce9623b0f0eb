// The error boundary of the index folder: Node fs errors and LanceDB's native IO errors become SemnoteErrors that say what to do.
import { SemnoteError } from '../../../shared/errors'

/** What a storage failure was, read from an errno code or from the "(os error N)" LanceDB's Rust core reports. */
export type StorageFailure = 'full' | 'read-only' | 'not-a-folder' | 'missing'

const BY_CODE: Record<string, StorageFailure> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EROFS: 'read-only',
  EACCES: 'read-only',
  EPERM: 'read-only',
  ENOTDIR: 'not-a-folder',
  ENOENT: 'missing'
}

/** Linux errno numbers as LanceDB prints them ("No space left on device (os error 28)"). */
const BY_OS_ERROR: Record<number, StorageFailure> = { 28: 'full', 122: 'full', 30: 'read-only', 13: 'read-only', 1: 'read-only', 20: 'not-a-folder', 2: 'missing' }

/** The kind of storage failure `error` is, or null when it is something else. */
export function storageFailureOf(error: unknown): StorageFailure | null {
  const code = (error as NodeJS.ErrnoException | null)?.code
  if (typeof code === 'string' && BY_CODE[code]) return BY_CODE[code]
  const message = error instanceof Error ? error.message : String(error)
  const os = /\(os error (\d+)\)/.exec(message)
  if (os && BY_OS_ERROR[Number(os[1])]) return BY_OS_ERROR[Number(os[1])]!
  if (/No space left on device|Disk quota exceeded/i.test(message)) return 'full'
  if (/Read-only file system|Permission denied/i.test(message)) return 'read-only'
  if (/\bNot found: /.test(message)) return 'missing' // LanceDB: a table file vanished (the folder was deleted)
  return null
}

/** A typed error with the fix for a storage failure in `dataDir`, or null when `error` is not one (or is a vanished file). */
export function storageError(error: unknown, dataDir: string): SemnoteError | null {
  if (error instanceof SemnoteError) return error
  switch (storageFailureOf(error)) {
    case 'full':
      return new SemnoteError('STORAGE_FULL', `The disk holding the index (${dataDir}) is full: free some space, or move the index with --data-dir. What is indexed is kept; indexing goes on when there is room (retried every 30 s while watching).`)
    case 'read-only':
      return new SemnoteError('STORAGE_READ_ONLY', `Semnote cannot write to its index folder ${dataDir} (read-only or permission denied): make it writable, or choose another folder with --data-dir.`)
    case 'not-a-folder':
      return unusableDataDir(dataDir, 'a file is in the way of its path')
    default:
      return null
  }
}

/** The index folder cannot be used at all (not a folder, cannot be created). */
export function unusableDataDir(dataDir: string, why: string): SemnoteError {
  return new SemnoteError('STORAGE_UNUSABLE', `${dataDir} cannot hold the index: ${why}. Choose another folder with --data-dir.`)
}
