// Crash safety: SIGKILL the indexing process at seeded random moments; on reopen the index is consistent and finished work is kept.
// Full run: SEMNOTE_CRASH_ROUNDS=50 SEMNOTE_CRASH_FILES=2000 SEMNOTE_CRASH_MAX_DELAY_MS=20000 npx vitest run test/engine/crash.test.ts
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from './helpers'
import { rng } from '../helpers/rng'

const temp = tempFolders()
afterAll(() => temp.cleanup())
const repo = join(__dirname, '..', '..')
const ROUNDS = Number(process.env.SEMNOTE_CRASH_ROUNDS ?? 3)
const FILES = Number(process.env.SEMNOTE_CRASH_FILES ?? 120)
/** A round's kill comes at a seeded random share of its files done, or this many ms after indexing starts, whichever is first. */
const MAX_KILL_DELAY_MS = Number(process.env.SEMNOTE_CRASH_MAX_DELAY_MS ?? 1500)

function noteText(i: number, round: number): string {
  const paragraphs = Array.from({ length: 1 + (i % 4) }, (_, p) => `## Part ${p}\n\nNote ${i} round ${round} paragraph ${p}: words about topic${i % 17} and item${(i * 7) % 23}.`)
  return `# Note ${i}\n\n${paragraphs.join('\n\n')}\n`
}

/**
 * Starts the indexing child and SIGKILLs it once `killAtShare` of its files are done (progress-driven, so a fast
 * machine cannot finish before the kill) or `delayMs` after it started indexing; resolves with what it printed.
 */
function runAndKill(args: string[], killAtShare: number, delayMs: number): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    // node --import tsx (not the tsx wrapper, which forks): SIGKILL must hit the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'index-child.ts'), ...args], {
      cwd: repo,
      env: { ...process.env, LANCEDB_LOG: 'error' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (data: Buffer) => {
      const text = data.toString()
      output += text
      if (!timer && output.includes('started')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs)
      for (const [, done, total] of text.matchAll(/progress (\d+)\/(\d+)/g)) {
        if (Number(total) > 0 && Number(done) >= killAtShare * Number(total)) child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (data: Buffer) => (output += data.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer)
      resolve({ killed: signal === 'SIGKILL', output })
    })
  })
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** path -> content hash of every file the model's chunk table holds. */
async function storedFiles(dataDir: string, pack: string): Promise<Map<string, string>> {
  const manifest = JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string; dimension: number }
  const store = await ChunkStore.open(dataDir, { modelId: manifest.id, dimension: manifest.dimension })
  try {
    return new Map((await store.listPaths()).map((f) => [f.path, f.contentHash]))
  } finally {
    await store.close()
  }
}

describe('crash safety', () => {
  it(`stays consistent after SIGKILL at random moments (${ROUNDS} rounds) and does not redo finished work`, async () => {
    const pack = await getTinyPack()
    const root = temp.make('crash-notes')
    const dataDir = temp.make('crash-data')
    mkdirSync(join(root, 'moved'))
    for (let i = 0; i < FILES; i++) writeFileSync(join(root, `n${i}.md`), noteText(i, 0))
    const random = rng(42)
    let kills = 0
    for (let round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        // Give the next child work: rewrite some notes, rename some, delete one.
        for (let i = round; i < FILES; i += 3) writeFileSync(join(root, `n${i}.md`), noteText(i, round))
        renameSync(join(root, `n${round * 5}.md`), join(root, 'moved', `r${round}.md`))
        rmSync(join(root, `n${round * 5 + 1}.md`), { force: true })
      }
      const { killed, output } = await runAndKill([dataDir, root, pack], random(), Math.floor(random() * MAX_KILL_DELAY_MS))
      if (killed) kills++
      else expect(output).toContain('done')

      // What the table holds right after the kill: which files are already current (their vectors must not be recomputed).
      const before = await storedFiles(dataDir, pack)
      const currentAtReopen = new Set([...before].filter(([path, hash]) => existsSync(path) && sha256(readFileSync(path)) === hash).map(([path]) => path))

      const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 })
      try {
        await engine.whenIdle()
        const report = await engine.check()
        expect(report.problems, `round ${round}`).toEqual([])
        expect(report.filesInIndex).toBe(report.filesOnDisk)
        const after = await engine.chunkCounts()
        const owed = [...after].filter(([path]) => !currentAtReopen.has(path)).reduce((sum, [, chunks]) => sum + chunks, 0)
        expect(engine.embeddedChunks, `round ${round}: only files not yet current may be embedded`).toBeLessThanOrEqual(owed)
      } finally {
        await engine.close()
      }
    }
    const again = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 })
    try {
      await again.whenIdle()
      expect(again.embeddedChunks).toBe(0)
    } finally {
      await again.close()
    }
    expect(kills).toBeGreaterThan(0)
  }, Math.max(120_000, ROUNDS * (15_000 + MAX_KILL_DELAY_MS + FILES * 30)))
})
