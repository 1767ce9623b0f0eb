// `semnote check` exits non-zero on an inconsistent index (issue 7 "must show"): each corruption is written straight into LanceDB.
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { connect } from '@lancedb/lancedb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { recordToRow, rowsToArrow, tableNameFor, type ChunkRow } from '../../src/main/engine/store/schema'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from '../engine/helpers'
import { cliEntry, runTsChild } from './helpers'

const temp = tempFolders()
let root: string
let pristine: string
/** The tiny model pack: the CLI would otherwise pick a bundled pack and check that model's (empty) table. */
let pack: string
let model: { id: string; dimension: number }

beforeAll(async () => {
  root = temp.make('check-notes')
  writeFileSync(join(root, 'long.md'), `# Long\n\n${Array.from({ length: 6 }, (_, i) => `## Part ${i}\n\n${`Paragraph ${i} about rivers and boats. `.repeat(40)}`).join('\n\n')}\n`)
  for (let i = 0; i < 5; i++) writeFileSync(join(root, `short${i}.md`), `# Short ${i}\n\nA short note about lanterns ${i}.\n`)
  writeFileSync(join(root, '.hidden.md'), '# Hidden\n\nIgnored by default.\n')
  pristine = temp.make('check-pristine')
  pack = await getTinyPack()
  model = JSON.parse(readFileSync(join(pack, 'semnote-pack.json'), 'utf8')) as { id: string; dimension: number }
  const engine = await Engine.open({ dataDir: pristine, modelDirs: [pack], watch: false, threads: 1 })
  await engine.call('addRoots', { paths: [root] })
  await engine.whenIdle()
  await engine.close()
})
afterAll(() => temp.cleanup())

/** Runs `work` on the raw chunk table of `dataDir` (no engine in between). */
async function withRawTable(dataDir: string, work: (table: Awaited<ReturnType<Awaited<ReturnType<typeof connect>>['openTable']>>, rowsOf: (path: string) => Promise<ChunkRow[]>) => Promise<void>) {
  const db = await connect(join(dataDir, 'lancedb'))
  const table = await db.openTable(tableNameFor(model.id))
  const rowsOf = async (path: string) => ((await table.query().where(`path = '${path.replaceAll("'", "''")}'`).toArray()) as Record<string, unknown>[]).map(recordToRow).sort((a, b) => a.ordinal - b.ordinal)
  try {
    await work(table, rowsOf)
  } finally {
    table.close()
    db.close()
  }
}

/**
 * `problem`: what check must print. `repairedOnOpen: false`: a normal open cannot see it without hashing every note (it
 * trusts mtime + size, as rsync does), so only check finds it; the note is fixed when it next changes.
 */
const CORRUPTIONS: { name: string; problem: RegExp; corrupt: (dataDir: string) => Promise<void>; repairedOnOpen?: false }[] = [
  {
    name: 'a duplicate row (same chunk id twice)',
    problem: /duplicate chunk id/,
    corrupt: (d) => withRawTable(d, async (table, rowsOf) => void (await table.add(rowsToArrow([(await rowsOf(join(root, 'short1.md')))[0]!], model.dimension))))
  },
  {
    name: 'one chunk of a multi-chunk note deleted',
    problem: /wrong chunks: .*long\.md/,
    corrupt: (d) => withRawTable(d, async (table, rowsOf) => {
      const rows = await rowsOf(join(root, 'long.md'))
      expect(rows.length).toBeGreaterThan(2)
      await table.delete(`id = '${rows[1]!.id}'`)
    })
  },
  {
    name: 'every row of one note deleted',
    problem: /wrong chunks: .*short2\.md/,
    corrupt: (d) => withRawTable(d, async (table) => void (await table.delete(`path = '${join(root, 'short2.md')}'`)))
  },
  {
    name: 'an extra chunk under a new id for an indexed note',
    problem: /wrong chunks: .*short3\.md/,
    corrupt: (d) => withRawTable(d, async (table, rowsOf) => {
      const [row] = await rowsOf(join(root, 'short3.md'))
      await table.add(rowsToArrow([{ ...row!, id: 'f'.repeat(32), ordinal: 1 }], model.dimension))
    })
  },
  {
    name: 'rows of a file that does not exist (orphans)',
    problem: /orphan rows: .*ghost\.md/,
    corrupt: (d) => withRawTable(d, async (table, rowsOf) => {
      const [row] = await rowsOf(join(root, 'short0.md'))
      await table.add(rowsToArrow([{ ...row!, id: 'e'.repeat(32), path: join(root, 'ghost.md') }], model.dimension))
    })
  },
  {
    name: 'rows of an ignored (hidden) file',
    problem: /orphan rows: .*\.hidden\.md/,
    corrupt: (d) => withRawTable(d, async (table, rowsOf) => {
      const [row] = await rowsOf(join(root, 'short0.md'))
      await table.add(rowsToArrow([{ ...row!, id: 'd'.repeat(32), path: join(root, '.hidden.md') }], model.dimension))
    })
  },
  {
    name: 'a stale content hash on one note',
    problem: /stale rows: .*short4\.md/,
    repairedOnOpen: false,
    corrupt: (d) => withRawTable(d, async (table) => void (await table.update({ where: `path = '${join(root, 'short4.md')}'`, values: { content_hash: '0'.repeat(64) } })))
  }
]

async function check(dataDir: string) {
  const result = await runTsChild(cliEntry, ['check', '--data-dir', dataDir, '--models-dir', pack])
  return { code: result.code, output: result.stdout + result.stderr }
}

describe('semnote check on a corrupted index', () => {
  it('exits 0 on the intact index', async () => {
    const dataDir = temp.make('check-intact')
    cpSync(pristine, dataDir, { recursive: true })
    const result = await check(dataDir)
    expect(result.output).toMatch(/^consistent$/m)
    expect(result.code).toBe(0)
  })

  it.each(CORRUPTIONS)('exits 1 and names the problem: $name', async ({ corrupt, problem }) => {
    const dataDir = temp.make('check-corrupt')
    cpSync(pristine, dataDir, { recursive: true })
    await corrupt(dataDir)
    const result = await check(dataDir)
    expect(result.code, result.output).toBe(1)
    expect(result.output).toMatch(/INCONSISTENT/)
    expect(result.output).toMatch(problem)
  })

  // The notes are the source of truth: opening the index for writing must bring it back in line.
  it.each(CORRUPTIONS.filter((c) => c.repairedOnOpen !== false))('a normal open repairs it: $name', async ({ corrupt }) => {
    const dataDir = temp.make('check-repair')
    cpSync(pristine, dataDir, { recursive: true })
    await corrupt(dataDir)
    const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 })
    try {
      await engine.whenIdle()
      expect((await engine.check()).problems, 'problems left after a normal open').toEqual([])
    } finally {
      await engine.close()
    }
  })

  it('exits 1 when a note changed on disk while nothing was indexing', async () => {
    const dataDir = temp.make('check-changed')
    cpSync(pristine, dataDir, { recursive: true })
    writeFileSync(join(root, 'short0.md'), '# Short 0\n\nRewritten while the app was closed.\n')
    utimesSync(join(root, 'short0.md'), new Date(), new Date(Date.now() + 5000))
    try {
      const result = await check(dataDir)
      expect(result.code, result.output).toBe(1)
      expect(result.output).toMatch(/stale rows: .*short0\.md|wrong chunks: .*short0\.md/)
    } finally {
      writeFileSync(join(root, 'short0.md'), '# Short 0\n\nA short note about lanterns 0.\n')
    }
  })
})
