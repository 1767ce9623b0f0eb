// Large notes are embedded and written in parts (issue 19.13, bounded memory): a SIGKILL between two parts of a new or a
// replaced note leaves rows the next open sees as damaged and rewrites; no half note or duplicate survives the restart.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { ChunkStore, type StoredPath } from '../../src/main/engine/store/chunk-store'
import { tempFolders } from '../engine/helpers'
import { getTinyPack } from '../helpers/test-model'
import { repoRoot } from './helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** Chunks per part in these tests (the default is thousands): a note of ~120 chunks is written in several parts. */
const PART_CHUNKS = 16

function bigNote(version: number, sections: number): string {
  const parts = Array.from({ length: sections }, (_, i) => `## Section ${i} v${version}\n\nVersion ${version} paragraph ${i}: words about topic${i % 13} and item${(i * 7) % 29}.`)
  return `# Big note v${version}\n\n${parts.join('\n\n')}\n`
}

/** Runs the indexing child until it prints "part <stopAfterPart>", then SIGKILLs it; resolves with what it printed. */
function killAfterPart(dataDir: string, root: string, pack: string, stopAfterPart: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'parts-child.ts'), dataDir, root, pack, String(PART_CHUNKS), String(stopAfterPart)], {
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

async function tableFiles(dataDir: string, pack: string): Promise<{ files: Map<string, StoredPath>; rows: number }> {
  const manifest = JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string; dimension: number }
  const store = await ChunkStore.open(dataDir, { modelId: manifest.id, dimension: manifest.dimension })
  try {
    return { files: new Map((await store.listPaths()).map((f) => [f.path, f])), rows: await store.countRows() }
  } finally {
    await store.close()
  }
}

/** Indexes `root` into `dataDir` until idle (notes past `notePartChunks` chunks written in parts), then closes. */
async function indexFolder(dataDir: string, root: string, pack: string, internals: { notePartChunks?: number } = { notePartChunks: PART_CHUNKS }): Promise<void> {
  const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 }, internals)
  try {
    await engine.call('addRoots', { paths: [root] })
    await engine.whenIdle()
  } finally {
    await engine.close()
  }
}

/** Chunk ids per note when indexed in one go, in a fresh data dir (what a repaired index must hold). */
async function cleanIndex(root: string, pack: string): Promise<Map<string, string[]>> {
  const dataDir = temp.make('parts-clean')
  await indexFolder(dataDir, root, pack, {})
  return new Map([...(await tableFiles(dataDir, pack)).files].map(([path, file]) => [path, file.chunkIds]))
}

/** Reopens the index after the kill, lets it repair and index, and checks it against the files and a clean index. */
async function expectRepaired(dataDir: string, root: string, pack: string): Promise<void> {
  const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 }, { notePartChunks: PART_CHUNKS })
  try {
    await engine.whenIdle()
    const report = await engine.check()
    expect(report.problems).toEqual([])
  } finally {
    await engine.close()
  }
  const { files, rows } = await tableFiles(dataDir, pack)
  const clean = await cleanIndex(root, pack)
  expect([...files.keys()].sort()).toEqual([...clean.keys()].sort())
  for (const [path, file] of files) {
    expect(file.damaged, path).toBeUndefined()
    expect(file.contentHash, path).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
    expect(file.chunkIds, path).toEqual(clean.get(path))
  }
  expect(rows).toBe([...files.values()].reduce((sum, file) => sum + file.chunkIds.length, 0))
}

/** The tiny pack, a folder holding a big note (120 sections) beside a small one, and an empty data dir. */
async function bigAndSmallNote(name: string): Promise<{ pack: string; root: string; dataDir: string }> {
  const root = temp.make(name)
  writeFileSync(join(root, 'big.md'), bigNote(1, 120))
  writeFileSync(join(root, 'small.md'), '# Small\n\nA small note beside the big one.\n')
  return { pack: await getTinyPack(), root, dataDir: temp.make(`${name}-data`) }
}

describe('large notes written in parts', () => {
  it('writes the same rows in parts as in one commit', async () => {
    const { pack, root, dataDir } = await bigAndSmallNote('parts-same')
    await indexFolder(dataDir, root, pack)
    const { files } = await tableFiles(dataDir, pack)
    expect(files.get(join(root, 'big.md'))!.chunkIds.length).toBeGreaterThan(2 * PART_CHUNKS)
    expect(new Map([...files].map(([path, file]) => [path, file.chunkIds]))).toEqual(await cleanIndex(root, pack))
  }, 120_000)

  it('repairs a new note killed between two of its parts', async () => {
    const { pack, root, dataDir } = await bigAndSmallNote('parts-new')
    const output = await killAfterPart(dataDir, root, pack, 2)
    expect(output).not.toContain('done')
    const killed = await tableFiles(dataDir, pack)
    const partial = killed.files.get(join(root, 'big.md'))
    expect(partial?.chunkIds.length, 'two parts were committed before the kill').toBeGreaterThan(PART_CHUNKS)
    expect(partial?.chunkIds.length).toBeLessThanOrEqual(2 * PART_CHUNKS)
    expect(partial?.damaged, 'its first chunks are missing').toBe(true)
    await expectRepaired(dataDir, root, pack)
  }, 180_000)

  it('repairs a replaced note killed between two of its parts (no rows of two versions survive)', async () => {
    const pack = await getTinyPack()
    const root = temp.make('parts-replace')
    const big = join(root, 'big.md')
    writeFileSync(big, bigNote(1, 100))
    const dataDir = temp.make('parts-replace-data')
    await indexFolder(dataDir, root, pack)
    writeFileSync(big, bigNote(2, 130))
    const output = await killAfterPart(dataDir, root, pack, 3)
    expect(output).not.toContain('done')
    const partial = (await tableFiles(dataDir, pack)).files.get(big)
    expect(partial?.damaged, 'rows of both versions after the kill').toBe(true)
    await expectRepaired(dataDir, root, pack)
  }, 180_000)
})
