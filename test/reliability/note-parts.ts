// Helpers of the large-note tests (notes written in parts, notes streamed a segment at a time): index a folder with small
// parts, SIGKILL an indexing child between two parts, and check a repaired index against a clean one.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import type { EngineInternals } from '../../src/main/engine/facade/engine-core'
import { ChunkStore, type StoredPath } from '../../src/main/engine/store/chunk-store'
import { repoRoot } from './helpers'

/** Chunks per part in these tests (the default is thousands): a note of ~120 chunks is written in several parts. */
export const PART_CHUNKS = 16

/** What the large-note tests index with: small parts, and (for streamed notes) which notes stream in what segments. */
export type PartsInternals = Pick<EngineInternals, 'notePartChunks' | 'segments'>

export function bigNote(version: number, sections: number): string {
  const parts = Array.from({ length: sections }, (_, i) => `## Section ${i} v${version}\n\nVersion ${version} paragraph ${i}: words about topic${i % 13} and item${(i * 7) % 29}.`)
  return `# Big note v${version}\n\n${parts.join('\n\n')}\n`
}

/** Runs the indexing child until it prints "part <stopAfterPart>", then SIGKILLs it; resolves with what it printed. */
export function killAfterPart(dataDir: string, root: string, pack: string, stopAfterPart: number, internals: PartsInternals = { notePartChunks: PART_CHUNKS }): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [dataDir, root, pack, String(internals.notePartChunks ?? PART_CHUNKS), String(stopAfterPart), ...(internals.segments ? [JSON.stringify(internals.segments)] : [])]
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'parts-child.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LANCEDB_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString()
      if (output.includes(`part ${stopAfterPart}\n`)) child.kill('SIGKILL')
    })
    child.stderr.on('data', (data: Buffer) => (output += data.toString()))
    child.on('error', reject)
    child.on('exit', () => (clearTimeout(timer), resolve(output)))
  })
}

export async function tableFiles(dataDir: string, pack: string): Promise<{ files: Map<string, StoredPath>; rows: number }> {
  const manifest = JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string; dimension: number }
  const store = await ChunkStore.open(dataDir, { modelId: manifest.id, dimension: manifest.dimension })
  try {
    return { files: new Map((await store.listPaths()).map((f) => [f.path, f])), rows: await store.countRows() }
  } finally {
    await store.close()
  }
}

/** Indexes `root` into `dataDir` until idle (notes past `notePartChunks` chunks written in parts), then closes. */
export async function indexFolder(dataDir: string, root: string, pack: string, internals: PartsInternals = { notePartChunks: PART_CHUNKS }): Promise<void> {
  const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 }, internals)
  try {
    await engine.call('addRoots', { paths: [root] })
    await engine.whenIdle()
  } finally {
    await engine.close()
  }
}

/** Chunk ids per note when indexed in one go, in a fresh data dir (what a repaired index must hold). */
export async function cleanIndex(root: string, pack: string, dataDir: string, internals: PartsInternals = {}): Promise<Map<string, string[]>> {
  await indexFolder(dataDir, root, pack, internals)
  return new Map([...(await tableFiles(dataDir, pack)).files].map(([path, file]) => [path, file.chunkIds]))
}

/** Reopens the index after the kill, lets it repair and index, and checks it against the files and a clean index. */
export async function expectRepaired(dataDir: string, root: string, pack: string, cleanDataDir: string, internals: PartsInternals = { notePartChunks: PART_CHUNKS }): Promise<void> {
  const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 }, internals)
  try {
    await engine.whenIdle()
    const report = await engine.check()
    expect(report.problems).toEqual([])
  } finally {
    await engine.close()
  }
  const { files, rows } = await tableFiles(dataDir, pack)
  const clean = await cleanIndex(root, pack, cleanDataDir, internals.segments ? { segments: internals.segments } : {})
  expect([...files.keys()].sort()).toEqual([...clean.keys()].sort())
  for (const [path, file] of files) {
    expect(file.damaged, path).toBeUndefined()
    expect(file.contentHash, path).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
    expect(file.chunkIds, path).toEqual(clean.get(path))
  }
  expect(rows).toBe([...files.values()].reduce((sum, file) => sum + file.chunkIds.length, 0))
}
