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
/** Indexing 1,047 notes through the CLI takes 30-80 s here, 2,382 notes about twice that; the full suite shares the cores with other work. */
const TIMEOUT_MS = 300_000
/** The twelve dev sets, whose corpora together make one vault of 2,382 notes. */
const ALL_SETS = ['k8sdocs-en2ja', 'k8sdocs-en2zh', 'tatoeba-es2en', 'tatoeba-ko2en', 'tldr-en2de', 'tldr-en2es', 'tldr-en2mixed', 'tldr-en2zh', 'xquad-en2en', 'xquad-en2zh', 'xquad-es2de', 'xquad-zh2zh']
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

/** The map of `sets` (indexed together) has `notes` notes and at least `minPairs` translation pairs, and meets every bar. */
async function expectFaithfulMap(sets: string[], notes: number, minPairs: number): Promise<void> {
  const stats = await quality(sets)
  expect(stats.notes).toBe(notes)
  expect(stats.trustworthiness).toBeGreaterThanOrEqual(0.9)
  expect(stats.neighbourPreservation).toBeGreaterThan(0.3)
  expect(stats.translationPairs!.pairs).toBeGreaterThan(minPairs)
  expect(stats.translationPairs!.onMap.closerThanRandom).toBeGreaterThanOrEqual(0.9)
  expect(stats.translationPairs!.onMap.pairsCloserThanMost).toBeGreaterThanOrEqual(0.9)
}

describe.skipIf(!existsSync(EVAL))('map quality on the dev corpora (lite pack)', () => {
  it('XQuAD paragraphs in English, Chinese and German (360 notes, 359 translation pairs)', async () => {
    await expectFaithfulMap(['xquad-en2en', 'xquad-zh2zh', 'xquad-es2de'], 360, 300)
  }, TIMEOUT_MS)

  it('tldr pages in Chinese, Spanish, German and the mixed vault (1,047 notes, 335 translation pairs)', async () => {
    await expectFaithfulMap(['tldr-en2zh', 'tldr-en2es', 'tldr-en2de', 'tldr-en2mixed'], 1047, 300)
  }, TIMEOUT_MS)

  it('every dev corpus at once, as one vault (12 folders, 2,382 notes, 960 translation pairs)', async () => {
    await expectFaithfulMap(ALL_SETS, 2382, 900)
  }, TIMEOUT_MS)
})
