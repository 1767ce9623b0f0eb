// Making sure the index folder exists and is a folder, one level at a time (a recursive mkdir under /proc loops forever).
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import { storageError, unusableDataDir } from './storage-errors'

/**
 * Checks that `dataDir` is a folder; creates it (and missing parents) when `create` is set. A read-only process does not
 * create one: a mistyped --data-dir would otherwise look like an empty, consistent index.
 */
export async function ensureDataDir(dataDir: string, create: boolean): Promise<void> {
  const info = await stat(dataDir).catch((error: NodeJS.ErrnoException) => error)
  if (!(info instanceof Error)) {
    if (!info.isDirectory()) throw unusableDataDir(dataDir, 'it is not a folder')
    return
  }
  if (info.code === 'ENOTDIR') throw unusableDataDir(dataDir, 'a file on its path is not a folder')
  if (info.code !== 'ENOENT') throw storageError(info, dataDir) ?? unusableDataDir(dataDir, info.message)
  if (!create) throw new SemnoteError('NOT_FOUND', `No index in ${dataDir} yet: run "semnote index <folder>" first, or check --data-dir.`)
  const missing: string[] = []
  for (let dir = dataDir; ; dir = dirname(dir)) {
    const found = await stat(dir).catch(() => null)
    if (found) {
      if (!found.isDirectory()) throw unusableDataDir(dataDir, `${dir} is not a folder`)
      break
    }
    missing.unshift(dir)
    if (dirname(dir) === dir) break
  }
  for (const dir of missing) {
    try {
      await mkdir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue
      const typed = storageError(error, dataDir)
      throw typed?.code === 'STORAGE_FULL' ? typed : unusableDataDir(dataDir, `cannot create the index folder (${(error as Error).message})`)
    }
  }
}
