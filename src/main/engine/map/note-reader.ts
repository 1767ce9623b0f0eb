// Reads notes for the map from a model's chunk table (its own read-only connection, so the store's writes never wait):
// one unit vector per note (the normalized mean of its passages' vectors), its facts, and the start of its text for naming.
import { join } from 'node:path'
import { loadLanceDb, type Table } from '../store/lancedb'
import { decodeTags } from '../store/schema'
import { sqlIn } from '../store/sql'
import { LABEL_TEXT_CHARS } from './labels'

/** One note as the map needs it. */
export interface MapNote {
  path: string
  root: string
  title: string
  ext: string
  lang: string
  mtime: number
  tags: string[]
  contentHash: string
  /** Title and the beginning of the text (for cluster names). */
  text: string
}

/** Notes (sorted by path) and their vectors, row i of `vectors` belonging to notes[i]. */
export interface NoteSet {
  notes: MapNote[]
  vectors: Float32Array
  dim: number
}

const COLUMNS = ['path', 'root', 'title', 'ext', 'lang', 'mtime', 'content_hash', 'ordinal', 'text', 'vector', 'tags']
/** Passages read for the text sample, from the top of each note. */
const TEXT_PASSAGES = 4
const PATHS_PER_QUERY = 500
/** Rows summed between two turns of the event loop (about a millisecond of work at 1,024 dimensions). */
const ROWS_PER_TURN = 256

interface Partial {
  note: MapNote
  sum: Float32Array
  pieces: [number, string][]
}

/**
 * Reads every note of `tableName` under `dataDir` (or only `paths`), a few hundred rows per turn of the event loop,
 * awaiting `giveWay` between turns (the map waits there while a search runs). Notes whose vectors sum to zero are
 * left out (nothing to place them by).
 */
export async function readNotes(dataDir: string, tableName: string, dim: number, paths?: readonly string[], giveWay: () => Promise<void> = nextTurn): Promise<NoteSet> {
  const sdk = await loadLanceDb()
  const db = await sdk.connect(join(dataDir, 'lancedb'))
  const byPath = new Map<string, Partial>()
  try {
    const table = await db.openTable(tableName)
    try {
      const hasTags = (await table.schema()).fields.some((field) => field.name === 'tags')
      const filters = paths ? chunk([...new Set(paths)], PATHS_PER_QUERY).map((part) => sqlIn('path', part)) : [undefined]
      for (const where of filters) await readRows(table, where, dim, byPath, hasTags, giveWay)
    } finally {
      table.close()
    }
  } finally {
    db.close()
  }
  return toNoteSet([...byPath.values()], dim)
}

async function readRows(table: Table, where: string | undefined, dim: number, byPath: Map<string, Partial>, hasTags: boolean, giveWay: () => Promise<void>): Promise<void> {
  let query = table.query().select(hasTags ? COLUMNS : COLUMNS.filter((column) => column !== 'tags'))
  if (where) query = query.where(where)
  for await (const batch of query) {
    const column = (name: string) => batch.getChild(name)!
    const [paths, roots, titles, exts, langs, mtimes, hashes, ordinals, texts] = COLUMNS.slice(0, 9).map(column)
    const vectors = flatVectors(column('vector'), batch.numRows, dim)
    const tags = hasTags ? column('tags') : null
    for (let i = 0; i < batch.numRows; i++) {
      if (i > 0 && i % ROWS_PER_TURN === 0) await giveWay()
      const path = String(paths!.get(i))
      let entry = byPath.get(path)
      if (!entry) {
        const note: MapNote = {
          path,
          root: String(roots!.get(i)),
          title: String(titles!.get(i)),
          ext: String(exts!.get(i)),
          lang: String(langs!.get(i)),
          mtime: Number(mtimes!.get(i)),
          tags: tags ? decodeTags(tags.get(i)) : [],
          contentHash: String(hashes!.get(i)),
          text: ''
        }
        entry = { note, sum: new Float32Array(dim), pieces: [] }
        byPath.set(path, entry)
      }
      const ordinal = Number(ordinals!.get(i))
      if (ordinal === 0) entry.note.lang = String(langs!.get(i))
      if (ordinal < TEXT_PASSAGES) entry.pieces.push([ordinal, String(texts!.get(i))])
      for (let d = 0; d < dim; d++) entry.sum[d]! += vectors[i * dim + d]!
    }
    await giveWay()
  }
}

function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve))
}

/** The vector column of a batch as one flat float array (a copy only when it is not one contiguous buffer already). */
function flatVectors(column: { data: readonly { offset: number; children: readonly { offset: number; values: unknown }[] }[]; get(i: number): unknown }, rows: number, dim: number): Float32Array {
  const data = column.data
  const child = data.length === 1 ? data[0]!.children[0] : undefined
  if (child && child.values instanceof Float32Array) {
    const start = child.offset + data[0]!.offset * dim
    return child.values.subarray(start, start + rows * dim)
  }
  const flat = new Float32Array(rows * dim)
  for (let i = 0; i < rows; i++) flat.set(Float32Array.from((column.get(i) as { toArray(): ArrayLike<number> }).toArray()), i * dim)
  return flat
}

function toNoteSet(partials: Partial[], dim: number): NoteSet {
  partials.sort((a, b) => (a.note.path < b.note.path ? -1 : a.note.path > b.note.path ? 1 : 0))
  const kept = partials.filter((p) => p.sum.some((v) => v !== 0))
  const vectors = new Float32Array(kept.length * dim)
  kept.forEach((partial, row) => {
    let norm = 0
    for (let d = 0; d < dim; d++) norm += partial.sum[d]! * partial.sum[d]!
    norm = Math.sqrt(norm)
    for (let d = 0; d < dim; d++) vectors[row * dim + d] = partial.sum[d]! / norm
    const text = partial.pieces.sort((a, b) => a[0] - b[0]).map(([, piece]) => piece)
    partial.note.text = `${partial.note.title}\n${text.join('\n')}`.slice(0, LABEL_TEXT_CHARS)
  })
  return { notes: kept.map((p) => p.note), vectors, dim }
}

function chunk<T>(items: T[], size: number): T[][] {
  const parts: T[][] = []
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size))
  return parts
}
