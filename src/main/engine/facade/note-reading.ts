// What the outside doors read besides search: a note's plain text in slices, and the indexed notes a page at a time.
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import type { NoteList, NoteText } from '../contract'
import { extractBytes, extensionOf } from '../extract'
import type { StoredFile } from '../index/ports'

/** Characters per slice when the caller names no size, and the most it may ask for. */
export const DEFAULT_SLICE_CHARS = 20_000
export const MAX_SLICE_CHARS = 100_000
/** Notes per page when the caller names no size, and the most it may ask for. */
export const DEFAULT_PAGE_NOTES = 100
export const MAX_PAGE_NOTES = 1000

/**
 * Reads an already resolved note (inside a root) as plain text: the extractor's text, so HTML and Markdown come without
 * markup. Files above `maxFileBytes` are refused, as the indexer skips them.
 */
export async function readNoteText(
  note: { path: string; root: string },
  slice: { offset?: number; maxChars?: number },
  maxFileBytes: number
): Promise<NoteText> {
  const info = await stat(note.path)
  if (!info.isFile()) throw new SemnoteError('NOT_FOUND', 'Not a file.')
  if (info.size > maxFileBytes) throw new SemnoteError('INVALID_PAYLOAD', `The note is larger than the ${maxFileBytes} byte limit.`)
  const extracted = await extractBytes(note.path, await readFile(note.path))
  if (!extracted.ok) throw new SemnoteError('NOT_FOUND', `The note cannot be read as text: ${extracted.detail}`)
  const full = extracted.doc.text
  const offset = Math.min(Math.max(0, Math.floor(slice.offset ?? 0)), full.length)
  const maxChars = Math.min(MAX_SLICE_CHARS, Math.max(1, Math.floor(slice.maxChars ?? DEFAULT_SLICE_CHARS)))
  let end = Math.min(full.length, offset + maxChars)
  // Never cut a surrogate pair in two (an emoji or a rare CJK character would turn into garbage).
  if (end < full.length && end > offset && isHighSurrogate(full.charCodeAt(end - 1))) end--
  return {
    path: note.path,
    root: note.root,
    title: extracted.doc.title || basename(note.path),
    ext: extensionOf(note.path),
    mtime: info.mtimeMs,
    size: info.size,
    text: full.slice(offset, end),
    offset,
    totalChars: full.length,
    nextOffset: end < full.length ? end : null
  }
}

/** One page of the manifest's files, in path order. */
export function listNotePage(files: Iterable<StoredFile>, page: { offset?: number; limit?: number }): NoteList {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const offset = Math.max(0, Math.floor(page.offset ?? 0))
  const limit = Math.min(MAX_PAGE_NOTES, Math.max(1, Math.floor(page.limit ?? DEFAULT_PAGE_NOTES)))
  return {
    notes: sorted.slice(offset, offset + limit).map((f) => ({ path: f.path, root: f.root, mtime: f.mtime, size: f.size, chunks: f.chunkIds.length })),
    total: sorted.length,
    offset
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
