// Reads of a chunk table the store answers from whole columns: the files it holds, their chunk ids, rows and vectors.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Table } from './lancedb'
import { makeChunkId, recordToRow, toFloat32, type ChunkRow, type StoredRecord } from './schema'
import { primaryLanguage } from './language-cache'
import { sqlIn, sqlString } from './sql'

/** Paths per IN (...) list, so a huge batch does not build one enormous SQL string. */
export const PATHS_PER_STATEMENT = 500

/** A file as the table knows it. */
export interface StoredPath {
  path: string
  root: string
  contentHash: string
  mtime: number
  size: number
  /** Chunk ids in note order. */
  chunkIds: string[]
  /**
   * The rows do not form one clean version of the file: an id twice, a gap in the chunk positions, mixed content hashes,
   * or an id that does not derive from its path, position and embed key (written by a foreign or interrupted writer).
   */
  damaged?: true
}

/** Every file with rows, with its content hash and chunk ids (for the manifest and consistency checks). */
export async function listStoredPaths(table: Table): Promise<StoredPath[]> {
  const byPath = new Map<string, StoredPath & { ordinals: number[]; wrongIds: boolean; hashes: Set<string> }>()
  // Column-wise over Arrow batches: per-file facts are decoded once per file, not once per chunk.
  const columns = ['id', 'path', 'root', 'content_hash', 'mtime', 'size', 'ordinal', 'embed_key']
  for await (const batch of table.query().select(columns)) {
    const [ids, paths, roots, hashes, mtimes, sizes, ordinals, embedKeys] = columns.map((c) => batch.getChild(c)!)
    for (let i = 0; i < batch.numRows; i++) {
      const path = paths!.get(i) as string
      let entry = byPath.get(path)
      if (!entry) {
        entry = { path, root: roots!.get(i), contentHash: hashes!.get(i), mtime: mtimes!.get(i), size: sizes!.get(i), chunkIds: [], ordinals: [], wrongIds: false, hashes: new Set() }
        byPath.set(path, entry)
      }
      const id = ids!.get(i) as string
      const ordinal = ordinals!.get(i) as number
      entry.chunkIds.push(id)
      entry.ordinals.push(ordinal)
      entry.hashes.add(hashes!.get(i))
      if (id !== makeChunkId(path, ordinal, embedKeys!.get(i))) entry.wrongIds = true
    }
  }
  return [...byPath.values()].map(({ ordinals, wrongIds, hashes, ...entry }) => {
    const sorted = [...ordinals].sort((a, b) => a - b)
    const damaged = wrongIds || hashes.size !== 1 || sorted.some((ordinal, i) => ordinal !== i)
    return { ...entry, chunkIds: inOrder(entry.chunkIds, ordinals), ...(damaged ? { damaged: true as const } : {}) }
  })
}

/** Chunk ids per file in note order, for the given files (all files when omitted). */
export async function chunkIdsByPath(table: Table, paths?: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>()
  const listed = paths ? [...new Set(paths)] : null
  const wheres = listed ? chunked(listed, PATHS_PER_STATEMENT).map((part) => sqlIn('path', part)) : [undefined]
  for (const where of wheres) {
    let query = table.query().select(['id', 'path', 'ordinal'])
    if (where) query = query.where(where)
    const ordinals = new Map<string, number[]>()
    for (const r of (await query.toArray()) as StoredRecord[]) {
      const path = String(r.path)
      if (!result.has(path)) (result.set(path, []), ordinals.set(path, []))
      result.get(path)!.push(String(r.id))
      ordinals.get(path)!.push(Number(r.ordinal))
    }
    for (const [path, ords] of ordinals) result.set(path, inOrder(result.get(path)!, ords))
  }
  return result
}

/** All rows of one file in note order; only `columns` when given (no vectors). */
export async function rowsOfPath(table: Table, path: string, columns: readonly string[] | null): Promise<ChunkRow[]> {
  let query = table.query().where(`path = ${sqlString(path)}`)
  if (columns) query = query.select([...columns])
  const rows = (await query.toArray()).map(recordToRow)
  return rows.sort((a, b) => a.ordinal - b.ordinal)
}

/** Stored vectors by embed key of the rows matching `where`. */
export async function vectorsWhere(table: Table, where: string): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>()
  const records = await table.query().where(where).select(['embed_key', 'vector']).toArray()
  for (const r of records as StoredRecord[]) vectors.set(String(r.embed_key), toFloat32(r.vector))
  return vectors
}

/** Stored vectors by embed key, for any file, asked PATHS_PER_STATEMENT keys at a time. */
export async function vectorsForEmbedKeys(table: Table, keys: readonly string[]): Promise<Map<string, Float32Array>> {
  const vectors = new Map<string, Float32Array>()
  for (const part of chunked([...new Set(keys)], PATHS_PER_STATEMENT)) {
    for (const [key, vector] of await vectorsWhere(table, sqlIn('embed_key', part))) vectors.set(key, vector)
  }
  return vectors
}

/** The languages of the rows (primary subtags, "und" left out), optionally of those matching `where`; most rows first. */
export async function languagesByRows(table: Table, where: string | undefined): Promise<string[]> {
  const counts = new Map<string, number>()
  let query = table.query().select(['lang'])
  if (where) query = query.where(where)
  for await (const batch of query) {
    const column = batch.getChild('lang')!
    for (let i = 0; i < batch.numRows; i++) {
      const lang = primaryLanguage(String(column.get(i)))
      if (lang !== null) counts.set(lang, (counts.get(lang) ?? 0) + 1)
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([lang]) => lang)
}

/** Bytes of the files under `dir`, recursively (a file that vanishes meanwhile counts 0). */
export async function directoryBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) total += await directoryBytes(full)
    else if (entry.isFile()) total += (await stat(full).catch(() => ({ size: 0 }))).size
  }
  return total
}

/** `items` in consecutive slices of at most `size`. */
function chunked<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = []
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size))
  return parts
}

/** `ids` sorted by their matching `ordinals`. */
function inOrder(ids: string[], ordinals: number[]): string[] {
  if (ordinals.every((o, i) => i === 0 || ordinals[i - 1]! <= o)) return ids
  return ids.map((id, i) => [id, ordinals[i]!] as const).sort((a, b) => a[1] - b[1]).map(([id]) => id)
}
