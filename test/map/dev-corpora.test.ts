// Map quality on the dev corpora with the bundled lite pack (what users get first), as `semnote map --stats --json`
// reports it (the CLI run from source): trustworthiness@10 at least 0.90, neighbour preservation reported, and notes
// that are translations of each other (the same page in several indexed folders, one per language) closer together
// than random pairs for at least 90% of comparisons, and at least 90% of the pairs closer than most random pairs.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { MapQuality } from '../../src/shared/map'
import { tempFolders } from '../engine/helpers'

const run = promisify(execFile)
const REPO = resolve(__dirname, '../..')
const TSX = join(REPO, 'node_modules', '.bin', 'tsx')
const CLI = join(REPO, 'src', 'main', 'cli', 'semnote.ts')
const PACKS = join(REPO, 'resources', 'models')
const EVAL = resolve(REPO, '../shared/eval')
/** Indexing 1,047 notes through the CLI takes 30-80 s here; the full suite shares the cores with other work. */
const TIMEOUT_MS = 300_000
const temp = tempFolders()
afterAll(() => temp.cleanup())

async function semnote(args: string[], dataDir: string): Promise<string> {
  const data = ['--data-dir', dataDir, '--models-dir', PACKS, '--model-id', 'semnote-lite-multi']
  const { stdout } = await run(TSX, [CLI, ...args, ...data], { env: { ...process.env, LANCEDB_LOG: 'error' }, maxBuffer: 64 << 20 })
  return stdout
}

/** Indexes the sets' corpora with `semnote index`, then reads `semnote map --stats --json`. */
async function quality(sets: string[]): Promise<MapQuality> {
  const dataDir = temp.make('map-quality')
  await semnote(['index', ...sets.map((set) => join(EVAL, set, 'corpus'))], dataDir)
  const stdout = await semnote(['map', '--stats', '--json'], dataDir)
  console.log(`semnote map --stats --json on ${sets.join(' + ')}: ${stdout.trim()}`)
  return JSON.parse(stdout) as MapQuality
}

describe.skipIf(!existsSync(EVAL))('map quality on the dev corpora (lite pack)', () => {
  it('XQuAD paragraphs in English, Chinese and German (360 notes, 359 translation pairs)', async () => {
    const stats = await quality(['xquad-en2en', 'xquad-zh2zh', 'xquad-es2de'])
    expect(stats.notes).toBe(360)
    expect(stats.trustworthiness).toBeGreaterThanOrEqual(0.9)
    expect(stats.neighbourPreservation).toBeGreaterThan(0.3)
    expect(stats.translationPairs!.pairs).toBeGreaterThan(300)
    expect(stats.translationPairs!.onMap.closerThanRandom).toBeGreaterThanOrEqual(0.9)
    expect(stats.translationPairs!.onMap.pairsCloserThanMost).toBeGreaterThanOrEqual(0.9)
  }, TIMEOUT_MS)

  it('tldr pages in Chinese, Spanish, German and the mixed vault (1,047 notes, 338 translation pairs)', async () => {
    const stats = await quality(['tldr-en2zh', 'tldr-en2es', 'tldr-en2de', 'tldr-en2mixed'])
    expect(stats.notes).toBe(1047)
    expect(stats.trustworthiness).toBeGreaterThanOrEqual(0.9)
    expect(stats.neighbourPreservation).toBeGreaterThan(0.3)
    expect(stats.translationPairs!.pairs).toBeGreaterThan(300)
    expect(stats.translationPairs!.onMap.closerThanRandom).toBeGreaterThanOrEqual(0.9)
    expect(stats.translationPairs!.onMap.pairsCloserThanMost).toBeGreaterThanOrEqual(0.9)
  }, TIMEOUT_MS)
})
