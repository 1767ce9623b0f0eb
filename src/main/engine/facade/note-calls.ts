// Note access: resolving paths inside the indexed roots, reading a note for the preview, indexing single files.
import { readFile, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import type { IndexStatus, NoteContent } from '../../../shared/types'
import { isInside } from '../paths'
import { skip } from '../watch/scan'
import type { EngineCalls } from '../contract'
import type { EngineCore } from './engine-core'
import { resolveInside } from './note-paths'
import { listNotePage, readNoteText } from './note-reading'
import { decodeForPreview, isSupportedPath } from './pipeline'

/** Answers the calls that take a note's path. */
export class NoteCalls {
  constructor(
    private readonly core: EngineCore,
    private readonly status: () => Promise<IndexStatus>
  ) {}

  /** The real path of `path` when it lies inside an indexed root or is an indexed single file; else PATH_OUTSIDE_ROOTS. */
  resolveInside(path: unknown): Promise<{ path: string; root: string }> {
    return resolveInside(path, [...this.core.roots.keys()], this.core.state.files)
  }

  async readNote(path: unknown, page?: number): Promise<NoteContent> {
    const resolved = await this.resolveInside(path)
    const info = await stat(resolved.path)
    if (!info.isFile()) throw new SemnoteError('NOT_FOUND', `Not a file: ${String(path)}`)
    if (info.size > this.core.maxFileBytes) throw new SemnoteError('INVALID_PAYLOAD', `The note is larger than the ${this.core.maxFileBytes} byte limit.`)
    const { title, ext, text, ...pages } = await decodeForPreview(resolved.path, await readFile(resolved.path), page)
    return { path: resolved.path, title, ext, text, mtime: info.mtimeMs, ...pages }
  }

  /** A page of the indexed notes (for the doors' note listing). */
  async listNotes(page: EngineCalls['listNotes'][0] | undefined): Promise<EngineCalls['listNotes'][1]> {
    return listNotePage(this.core.indexer.manifest.values(), page ?? {})
  }

  /** A slice of a note's plain text (for the doors). */
  async readNoteText(arg: EngineCalls['readNoteText'][0]): Promise<EngineCalls['readNoteText'][1]> {
    return readNoteText(await this.resolveInside(arg.path), { offset: arg.offset, maxChars: arg.maxChars }, this.core.maxFileBytes)
  }

  async indexFiles(paths: unknown): Promise<IndexStatus> {
    const core = this.core
    if (!Array.isArray(paths)) throw new SemnoteError('INVALID_PAYLOAD', 'indexFiles needs a list of files.')
    const files = []
    for (const path of paths) {
      if (typeof path !== 'string' || !isAbsolute(path)) throw new SemnoteError('INVALID_PAYLOAD', 'Files must be absolute paths.')
      const real = await realpath(path).catch(() => null)
      const info = real ? await stat(real).catch(() => null) : null
      if (!real || !info) {
        core.indexer.skipped.set(path, skip(path, 'vanished', 'file not found'))
        continue
      }
      if (!info.isFile()) {
        core.indexer.skipped.set(real, skip(real, 'not-a-file', 'not a regular file'))
        continue
      }
      if (!isSupportedPath(real)) {
        core.indexer.skipped.set(real, skip(real, 'unsupported-type', 'this file type cannot be indexed yet'))
        continue
      }
      const root = [...core.roots.keys()].find((r) => isInside(real, r))
      if (!root && !core.state.files.includes(real)) core.state.files.push(real)
      files.push({ path: real, root: root ?? dirname(real), mtimeMs: Math.floor(info.mtimeMs) })
    }
    core.indexer.addFiles(files)
    await core.saveState()
    core.statusChanged()
    return this.status()
  }
}
