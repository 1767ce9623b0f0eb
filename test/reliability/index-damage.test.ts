// Index damage (issue 7 item 2): a deleted or corrupted LanceDB folder or engine state is detected on open, rebuilt from the notes, reported in status, never a crash loop.
import { cpSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { STATE_FILE } from '../../src/main/engine/facade/state-file'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
const NOTES = 30
let pack: string
let root: string
/** A healthy data dir, indexed once; each case damages a copy of it. */
let pristine: string

beforeAll(async () => {
  pack = await getTinyPack()
  root = temp.make('damage-notes')
  for (let i = 0; i < NOTES; i++) writeFileSync(join(root, `n${i}.md`), `# Note ${i}\n\nA note about gardens and topic${i}x.\n\n## More\n\nSecond part of note ${i}.\n`)
  pristine = temp.make('damage-pristine')
  const engine = await Engine.open({ dataDir: pristine, modelDirs: [pack], watch: false, threads: 1 })
  await engine.call('addRoots', { paths: [root] })
  await engine.whenIdle()
  await engine.close()
})
afterAll(() => temp.cleanup())

/** The chunk table's folder under `dataDir`. */
function tableDir(dataDir: string): string {
  const dir = join(dataDir, 'lancedb')
  const table = readdirSync(dir).find((name) => name.startsWith('chunks_') && name.endsWith('.lance'))
  if (!table) throw new Error(`no chunk table in ${dir}`)
  return join(dir, table)
}

function filesIn(dir: string, suffix: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(suffix)).map((name) => join(dir, name))
}

/** The newest version manifest (LanceDB numbers them downwards from u64::MAX, so the smallest name is the newest). */
function newestManifest(dataDir: string): string {
  const manifests = filesIn(join(tableDir(dataDir), '_versions'), '.manifest').sort()
  return manifests[0]!
}

function garble(path: string): void {
  const size = Math.max(64, statSync(path).size)
  writeFileSync(path, Buffer.alloc(size, 0x5a))
}

/** `detail`: what status.healthDetail must say on the first open; null when the damage is harmless (nothing to rebuild, health stays ok). */
const DAMAGE: { name: string; damage: (dataDir: string) => void; detail: RegExp | null }[] = [
  { name: 'LanceDB folder deleted', damage: (d) => rmSync(join(d, 'lancedb'), { recursive: true }), detail: /rebuil|missing|empty/i },
  { name: 'chunk table folder deleted', damage: (d) => rmSync(tableDir(d), { recursive: true }), detail: /rebuil|missing|empty/i },
  { name: 'every version manifest deleted', damage: (d) => filesIn(join(tableDir(d), '_versions'), '.manifest').forEach((f) => rmSync(f)), detail: /rebuil/i },
  { name: 'newest version manifest garbled', damage: (d) => garble(newestManifest(d)), detail: /rebuil/i },
  { name: 'newest version manifest truncated', damage: (d) => truncateSync(newestManifest(d), Math.floor(statSync(newestManifest(d)).size / 2)), detail: /rebuil/i },
  { name: 'latest_version_hint.json garbled (only a hint)', damage: (d) => writeFileSync(join(tableDir(d), '_versions', 'latest_version_hint.json'), '{"oops'), detail: null },
  { name: 'data files deleted', damage: (d) => filesIn(join(tableDir(d), 'data'), '.lance').forEach((f) => rmSync(f)), detail: /rebuil/i },
  { name: 'data files garbled', damage: (d) => filesIn(join(tableDir(d), 'data'), '.lance').forEach(garble), detail: /rebuil/i },
  { name: 'data files truncated to 0 bytes', damage: (d) => filesIn(join(tableDir(d), 'data'), '.lance').forEach((f) => truncateSync(f, 0)), detail: /rebuil/i },
  { name: 'index folder (_indices) deleted', damage: (d) => rmSync(join(tableDir(d), '_indices'), { recursive: true }), detail: /rebuil|index/i },
  { name: 'engine state file garbled', damage: (d) => writeFileSync(join(d, STATE_FILE), '\u0000{not json'), detail: /state/i },
  { name: 'engine state file emptied', damage: (d) => truncateSync(join(d, STATE_FILE), 0), detail: /state/i },
  { name: 'engine state file deleted', damage: (d) => rmSync(join(d, STATE_FILE)), detail: /state/i }
]

/** Opens, waits for indexing, and returns what a user would see; closes the engine either way. */
async function openAndInspect(dataDir: string) {
  const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 })
  try {
    await engine.whenIdle()
    const status = await engine.call('status', undefined)
    const check = await engine.check()
    const keyword = await engine.call('search', { query: 'topic7x', mode: 'keyword' })
    const hybrid = await engine.call('search', { query: 'gardens', mode: 'hybrid', limit: 50 })
    return { status, check, keywordPaths: keyword.hits.map((h) => h.path), hybridHits: hybrid.hits.length, embedded: engine.embeddedChunks }
  } finally {
    await engine.close()
  }
}

describe('index damage', () => {
  it('the pristine index is consistent (baseline for the cases below)', async () => {
    const dataDir = temp.make('damage-baseline')
    cpSync(pristine, dataDir, { recursive: true })
    const seen = await openAndInspect(dataDir)
    expect(seen.status.health).toBe('ok')
    expect(seen.check.problems).toEqual([])
    expect(seen.embedded).toBe(0)
    expect(seen.status.files).toBe(NOTES)
  })

  it.each(DAMAGE)('$name: detected on open, rebuilt from the notes, said in status; later opens are normal', async ({ damage, detail }) => {
    const dataDir = temp.make('damaged')
    cpSync(pristine, dataDir, { recursive: true })
    damage(dataDir)

    const first = await openAndInspect(dataDir) // must not throw: a throw here is the crash loop
    expect.soft(first.status.health, 'status says the index was damaged').toBe(detail ? 'damaged' : 'ok')
    if (detail) expect.soft(first.status.healthDetail ?? '').toMatch(detail)
    expect.soft(first.status.roots.map((r) => r.path), 'the root is still known').toEqual([root])
    expect.soft(first.status.files).toBe(NOTES)
    expect.soft(first.check.problems).toEqual([])
    expect.soft(first.keywordPaths).toEqual([join(root, 'n7.md')])
    expect.soft(first.hybridHits).toBe(NOTES)

    for (let again = 0; again < 2; again++) {
      const later = await openAndInspect(dataDir)
      expect.soft(later.status.health, `open ${again + 2}`).toBe('ok')
      expect.soft(later.embedded, `open ${again + 2} re-embeds nothing`).toBe(0)
      expect.soft(later.check.problems).toEqual([])
      expect.soft(later.keywordPaths).toEqual([join(root, 'n7.md')])
    }
  })

  it('a stale lock file with garbage in it does not block the next start', async () => {
    const dataDir = temp.make('damage-lock')
    cpSync(pristine, dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'engine.lock'), 'not a pid \u0000')
    const seen = await openAndInspect(dataDir)
    expect(seen.check.problems).toEqual([])
    expect(readFileSync(join(dataDir, STATE_FILE), 'utf8')).toContain(root)
  })
})
