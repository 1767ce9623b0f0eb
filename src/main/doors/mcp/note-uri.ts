// MCP resource URIs of notes: semnote://note/<root>/<path inside the root>, each part percent-encoded.
import { isAbsolute, join, relative, sep } from 'node:path'
import { SemnoteError } from '../../../shared/errors'

export const NOTE_URI_PREFIX = 'semnote://note/'
export const NOTE_URI_TEMPLATE = 'semnote://note/{root}/{+path}'

/** The URI of a note: its root as one encoded segment (a whole absolute path), then the path inside it segment by segment. */
export function noteUri(root: string, path: string): string {
  const inside = relative(root, path).split(sep).map(encodeURIComponent).join('/')
  return `${NOTE_URI_PREFIX}${encodeURIComponent(root)}/${inside}`
}

/** The absolute path a note URI names (checked against the indexed roots by the engine when read). */
export function pathOfNoteUri(uri: string): string {
  if (!uri.startsWith(NOTE_URI_PREFIX) || uri.length > 8192) throw new SemnoteError('INVALID_PAYLOAD', `Not a note URI: expected ${NOTE_URI_TEMPLATE}`)
  const [rootPart, ...rest] = uri.slice(NOTE_URI_PREFIX.length).split('/')
  let root: string
  let segments: string[]
  try {
    root = decodeURIComponent(rootPart ?? '')
    segments = rest.map(decodeURIComponent)
  } catch {
    throw new SemnoteError('INVALID_PAYLOAD', 'The note URI is not validly percent-encoded.')
  }
  const bad = segments.length === 0 || segments.some((s) => s === '' || s === '.' || s === '..' || /[\\/\0]/.test(s))
  if (!isAbsolute(root) || root.includes('\0') || bad) throw new SemnoteError('INVALID_PAYLOAD', `Not a note URI: expected ${NOTE_URI_TEMPLATE}`)
  return join(root, ...segments)
}
