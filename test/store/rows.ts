// Test fixtures for the chunk store: rows with constructed unit vectors and a temp data dir per test.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeChunkId, type ChunkRow } from '../../src/main/engine/store/schema'

export const DIM = 8

/** A unit vector pointing mostly along `axis`, with a small tilt towards `tilt` (so neighbours are predictable). */
export function axisVector(axis: number, tilt = (axis + 1) % DIM, amount = 0.1): Float32Array {
  const v = new Float32Array(DIM)
  v[axis % DIM] = 1
  v[tilt % DIM] += amount
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

export interface NoteSpec {
  path: string
  root?: string
  title?: string
  texts: string[]
  /** One axis per chunk (vector rows only). */
  axes?: number[]
  mtime?: number
  contentHash?: string
}

/** Rows for one note; vectors when `withVectors`. */
export function noteRows(spec: NoteSpec, withVectors = true): ChunkRow[] {
  const ext = spec.path.includes('.') ? spec.path.slice(spec.path.lastIndexOf('.') + 1).toLowerCase() : ''
  return spec.texts.map((text, ordinal) => {
    const embedKey = `${spec.contentHash ?? 'h'}:${text}`
    const row: ChunkRow = {
      id: makeChunkId(spec.path, ordinal, embedKey),
      path: spec.path,
      root: spec.root ?? '/notes',
      title: spec.title ?? spec.path.split('/').pop()!,
      heading: ordinal === 0 ? '' : `Part ${ordinal}`,
      text,
      ordinal,
      lineStart: ordinal * 10 + 1,
      lineEnd: ordinal * 10 + 9,
      mtime: spec.mtime ?? 1_700_000_000_000,
      size: 1000,
      contentHash: spec.contentHash ?? 'h',
      ext,
      lang: '',
      embedKey
    }
    if (withVectors) row.vector = axisVector(spec.axes?.[ordinal] ?? ordinal)
    return row
  })
}

/** A fresh temp folder and its cleanup. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'semnote-store-'))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
