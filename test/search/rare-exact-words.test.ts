// Issue 14: a query of rare words that one note holds exactly keeps that note in the top 3 in hybrid mode (lite pack, generated software docs).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/main/engine/engine'
import { openIndexed, tempFolders } from '../engine/helpers'
import { rng } from '../helpers/rng'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

/** Rare phrases, each written exactly in one long note, and words of it that many other notes use in other senses. */
const PHRASES: { query: string; distractors: string[] }[] = [
  { query: 'undefined behavior sanitizer', distractors: ['the behavior of undefined variables in scripts', 'a sanitizer for HTML input', 'behavior trees for game characters', 'undefined values in JSON documents'] },
  { query: 'zstd dictionary training', distractors: ['a Python dictionary maps keys to values', 'training a model on labelled data', 'a dictionary of common terms', 'training schedules for new staff'] },
  { query: 'kubelet eviction thresholds', distractors: ['thresholds for alerting on disk usage', 'tenant eviction rules in rental law', 'memory thresholds of the garbage collector'] },
  { query: 'btrfs subvolume snapshots', distractors: ['volume snapshots of virtual machines', 'snapshots of a database before migration', 'sound volume settings of the player'] },
  { query: 'wasm linear memory growth', distractors: ['linear growth of the user base', 'memory growth of a leaking process', 'linear algebra on large matrices'] }
]

/** Ordinary documentation vocabulary: the filler every note shares. */
const WORDS = (
  'build compile install configure option flag file directory path server client request response error warning log ' +
  'network cache memory disk process thread queue index table query value key list array string number version release ' +
  'update package module library function method class object type field default setting user account access token ' +
  'performance latency test check run start stop restart service container image storage backup restore data format'
).split(' ')

function filler(random: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * WORDS.length)]!)
  return out.join(' ')
}

const temp = tempFolders()
let engine: Engine
let exactNote: Map<string, string>

beforeAll(async () => {
  const random = rng(14)
  const corpus = temp.make('rare-words')
  exactNote = new Map()
  let n = 0
  const write = (title: string, body: string) => {
    const path = join(corpus, `note-${String(n++).padStart(3, '0')}.md`)
    writeFileSync(path, `# ${title}\n\n${body}\n`)
    return path
  }
  mkdirSync(corpus, { recursive: true })
  for (let i = 0; i < 200; i++) write(`Guide ${i}`, `${filler(random, 80)}.\n\n${filler(random, 80)}.`)
  for (const { query, distractors } of PHRASES) {
    for (const [i, sentence] of distractors.entries()) {
      for (let copy = 0; copy < 4; copy++) write(`Notes ${i}.${copy}`, `${filler(random, 30)}. ${sentence}. ${filler(random, 30)}.`)
    }
    // A long release-notes page that mentions the phrase once among many other changes.
    exactNote.set(query, write('Release notes', `${filler(random, 120)}. Fixed a crash in the ${query} step. ${filler(random, 160)}.`))
  }
  engine = await openIndexed({ dataDir: temp.make('rare-words-data'), modelDirs: [PACK_DIR], modelId: 'semnote-lite-multi' }, [corpus])
}, 120_000)

afterAll(async () => {
  await engine?.close()
  temp.cleanup()
})

describe('rare exact words in hybrid mode', () => {
  it.each(PHRASES.map((p) => p.query))('"%s" keeps its one exact note in the top 3', async (query) => {
    const keyword = await engine.call('search', { query, mode: 'keyword', limit: 10 })
    expect(keyword.hits[0]!.path, 'the keyword leg finds the exact note first').toBe(exactNote.get(query))
    const hybrid = await engine.call('search', { query, mode: 'hybrid', limit: 10 })
    expect(hybrid.semanticAvailable).toBe(true)
    expect(hybrid.hits.slice(0, 3).map((h) => h.path)).toContain(exactNote.get(query))
  })
})
