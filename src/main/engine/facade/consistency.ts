// `semnote check`: every file on disk has exactly its current chunks, no orphans or duplicates, manifest = table, search runs.
import { createHash } from 'node:crypto'
import type { SearchResponse } from '../../../shared/types'
import type { PreparedNote, PrepareOrStream, StoredFile, StreamedNote } from '../index/ports'
import { isInside } from '../paths'
import { readFileBytes } from '../extract'
import type { RootIgnore } from '../watch/ignore-rules'
import { scanRoot } from '../watch/scan'
import { isSupportedPath } from './pipeline'
import type { EngineStore, RowKey } from './store-port'

export interface ConsistencyReport {
  ok: boolean
  filesOnDisk: number
  filesInIndex: number
  rows: number
  /** One line per problem, e.g. "orphan rows: /notes/gone.md (3 chunks)". */
  problems: string[]
  /** Set (with ok false and no problems) when another process was writing the index, so nothing could be judged. */
  busy?: string
}

export interface ConsistencyInput {
  store: EngineStore
  manifest: ReadonlyMap<string, StoredFile>
  roots: { path: string; rules: RootIgnore }[]
  /** Roots that are gone for now: their rows are kept on purpose and not counted as orphans. */
  missingRoots: string[]
  /** Single files indexed outside any root. */
  files: string[]
  /** Files the index reported as skipped (status lists them with their reason): having no rows is what is expected of them. */
  skipped: ReadonlySet<string>
  prepare: PrepareOrStream
  maxFileBytes: number
  search: (query: string) => Promise<SearchResponse>
}

/** Compares the table with the files on disk and with the in-memory manifest. Read-only. */
export async function checkConsistency(input: ConsistencyInput): Promise<ConsistencyReport> {
  const problems: string[] = []
  const rows = await input.store.rowKeys()
  const rowsByPath = new Map<string, RowKey[]>()
  const ids = new Map<string, number>()
  for (const row of rows) {
    const list = rowsByPath.get(row.path) ?? []
    list.push(row)
    rowsByPath.set(row.path, list)
    ids.set(row.id, (ids.get(row.id) ?? 0) + 1)
  }
  for (const [id, count] of ids) if (count > 1) problems.push(`duplicate chunk id ${id} (${count} rows)`)

  const onDisk: string[] = []
  const skippedOnDisk = new Map<string, string>()
  for (const root of input.roots) {
    const scan = await scanRoot(root.path, root.rules, { isSupported: isSupportedPath })
    onDisk.push(...scan.files.map((f) => f.path))
    for (const entry of scan.skipped) skippedOnDisk.set(entry.path, `${entry.reason}: ${entry.detail}`)
  }
  onDisk.push(...input.files.filter((f) => !onDisk.includes(f)))
  const onDiskSet = new Set(onDisk)

  for (const [path, list] of rowsByPath) {
    if (onDiskSet.has(path)) continue
    if (input.missingRoots.some((root) => isInside(path, root))) continue
    const skipped = skippedOnDisk.get(path)
    if (skipped) problems.push(`rows for a file that cannot be indexed now: ${path} (${skipped}); "semnote index" drops them`)
    else problems.push(`orphan rows: ${path} (${list.length} chunks, file not on disk or ignored)`)
  }

  for (const path of onDisk) {
    const list = rowsByPath.get(path) ?? []
    const read = await readFileBytes(path, input.maxFileBytes)
    if (!read.ok) {
      if (list.length > 0) problems.push(`rows for an unreadable file: ${path} (${read.reason}: ${read.detail})`)
      continue
    }
    if (list.length === 0 && input.skipped.has(path)) continue
    const prepared = await embedKeysOf(await input.prepare(path, read.bytes))
    // A read given up at a time or memory limit tells nothing about what the index holds: only the content hash is checked.
    const unknown = !prepared.ok && prepared.reason === 'limit'
    const expected = prepared.ok ? input.store.expectedChunkIds(path, prepared.embedKeys) : []
    const hash = createHash('sha256').update(read.bytes).digest('hex')
    const hashes = new Set(list.map((r) => r.contentHash))
    if (list.length > 0 && (hashes.size !== 1 || !hashes.has(hash))) problems.push(`stale rows: ${path} (table has content ${[...hashes].map((h) => h.slice(0, 8)).join(',')}, file is ${hash.slice(0, 8)})`)
    const actual = new Set(list.map((r) => r.id))
    const missing = expected.filter((id) => !actual.has(id))
    const expectedIds = new Set(expected)
    const extra = [...actual].filter((id) => !expectedIds.has(id))
    if (!unknown && (missing.length > 0 || extra.length > 0)) {
      problems.push(`wrong chunks: ${path} (expected ${expected.length}, table has ${list.length}; ${missing.length} missing, ${extra.length} unexpected)`)
    }
  }

  const tablePaths = new Set(rowsByPath.keys())
  for (const [path, file] of input.manifest) {
    const list = rowsByPath.get(path)
    if (!list) problems.push(`manifest lists ${path} but the table has no rows for it`)
    else if (list.length !== file.chunkIds.length || list.some((r) => !file.chunkIds.includes(r.id))) problems.push(`manifest chunks of ${path} differ from the table`)
  }
  for (const path of tablePaths) if (!input.manifest.has(path)) problems.push(`table has rows for ${path} that the manifest does not list`)

  try {
    await input.search('note')
  } catch (error) {
    problems.push(`search failed: ${(error as Error).message}`)
  }
  return { ok: problems.length === 0, filesOnDisk: onDisk.length, filesInIndex: rowsByPath.size, rows: rows.length, problems }
}

/** The embed keys of a note's chunks in order (a streamed note read to its end, a segment at a time), or why it was not read. */
async function embedKeysOf(note: PreparedNote | StreamedNote): Promise<{ ok: true; embedKeys: string[] } | { ok: false; reason: string }> {
  if (!note.ok) return note
  if (!('streamed' in note)) return { ok: true, embedKeys: note.chunks.map((chunk) => chunk.embedKey) }
  const embedKeys: string[] = []
  for await (const step of note.steps()) {
    if (step.kind === 'failed') return { ok: false, reason: step.reason }
    if (step.kind === 'chunks') for (const chunk of step.chunks) embedKeys.push(chunk.embedKey)
  }
  return { ok: true, embedKeys }
}
