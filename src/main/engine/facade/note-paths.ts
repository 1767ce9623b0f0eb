// Path checks of the engine's calls: real folders to add, and note paths resolved only inside the indexed roots.
import { realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import { isInside } from '../paths'

/** True for an existing folder. */
export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false
}

/** Real path of an existing folder, or a typed error. */
export async function realFolder(path: unknown): Promise<string> {
  if (typeof path !== 'string' || !isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', 'A folder must be an absolute path.')
  const real = await realpath(path).catch(() => {
    throw new SemnoteError('NOT_FOUND', `Folder not found: ${path}`)
  })
  if (!(await isDirectory(real))) throw new SemnoteError('INVALID_PAYLOAD', `Not a folder: ${path}`)
  return real
}

/** The real path of `path` when it lies inside one of `roots` or is one of `singleFiles`; else PATH_OUTSIDE_ROOTS. */
export async function resolveInside(path: unknown, roots: readonly string[], singleFiles: readonly string[]): Promise<{ path: string; root: string }> {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0') || !isAbsolute(path)) {
    throw new SemnoteError('INVALID_PAYLOAD', 'A note path must be an absolute path.')
  }
  const real = await realpath(path).catch(() => null)
  if (real === null) {
    const lexicalRoot = roots.find((root) => isInside(path, root))
    throw lexicalRoot ? new SemnoteError('NOT_FOUND', `Note not found: ${path}`) : new SemnoteError('PATH_OUTSIDE_ROOTS', `Not inside an indexed folder: ${path}`)
  }
  const root = roots.find((r) => isInside(real, r))
  if (root) return { path: real, root }
  if (singleFiles.includes(real)) return { path: real, root: dirname(real) }
  throw new SemnoteError('PATH_OUTSIDE_ROOTS', `Not inside an indexed folder: ${path}`)
}
