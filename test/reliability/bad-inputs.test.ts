// Bad-input corpus (issue 7 item 4): every hostile case is reported with its reason or indexed and findable; good notes beside them all are.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IndexStatus } from '../../src/shared/types'
import type { ConsistencyReport } from '../../src/main/engine/facade/consistency'
import { Engine } from '../../src/main/engine/engine'
import { freshCorpusDir, generateBadInputs, type BadInputCorpus } from '../../scripts/reliability/bad-inputs'
import { getTinyPack } from '../helpers/test-model'
import { eventually, tempFolders } from '../engine/helpers'
import { cliEntry, runTsChild } from './helpers'
import type { CorpusJob } from './fixtures/index-corpus'

/** SEMNOTE_RELIABILITY_FULL=1 (npm run reliability) uses the full sizes; CI runs the same cases scaled down. */
const FULL = process.env.SEMNOTE_RELIABILITY_FULL === '1'
const temp = tempFolders()
let corpus: BadInputCorpus
let base: string

interface CorpusResult {
  status: IndexStatus
  searches: Record<string, string[]>
  hybrid: { hits: number; semantic: boolean }
  check: ConsistencyReport
  indexedPaths: string[]
}

beforeAll(async () => {
  base = freshCorpusDir()
  corpus = await generateBadInputs(base, FULL ? 'full' : 'ci')
})

afterAll(async () => {
  await corpus?.dispose()
  // Give folders their modes back so a non-root user can delete them.
  for (const dir of ['closed', 'listonly', 'enteronly']) chmodSync(join(corpus.root, dir), 0o755)
  execFileSync('rm', ['-rf', base]) // GNU rm walks trees deeper than PATH_MAX; fs.rmSync does not
  temp.cleanup()
})

describe('bad-input corpus', () => {
  it('has at least 100 cases, each with an expected outcome', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(100)
    expect(new Set(corpus.cases.map((c) => c.path)).size).toBe(corpus.cases.length)
  })

  it('indexes the corpus without crashing: every case reported or findable, every good note findable, check consistent', async () => {
    const pack = await getTinyPack()
    const dataDir = temp.make('bad-inputs-data')
    const resultFile = join(temp.make('bad-inputs-result'), 'result.json')
    const queries = [
      ...corpus.cases.flatMap((c) => (c.expect.kind === 'indexed' ? [c.expect.query, ...(c.expect.notQuery ? [c.expect.notQuery] : [])] : c.expect.kind === 'ignored' ? [c.expect.query] : [])),
      ...corpus.goodFiles.map((g) => g.query),
      'outsidesecretzq'
    ]
    const job: CorpusJob = { dataDir, root: corpus.root, modelDirs: [pack], queries, hybridQuery: 'gardens', resultFile }
    const jobFile = join(dataDir, '..', 'job.json')
    writeFileSync(jobFile, JSON.stringify(job))
    // As root, file modes do not stop reads: the indexer runs without root's override (see helpers.ts).
    const child = await runTsChild(join(__dirname, 'fixtures', 'index-corpus.ts'), [jobFile], { unprivileged: true })
    expect(child.stderr, 'the engine process must not fail').not.toMatch(/Error|panicked/)
    expect(child.code, child.stderr).toBe(0)
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as CorpusResult

    const skipped = new Map(result.status.skipped.map((s) => [s.path, s]))
    const warned = new Set((result.status.warnings ?? []).map((w) => w.path))
    const failures: string[] = []
    for (const c of corpus.cases) {
      const label = `#${c.id} ${c.title}`
      const e = c.expect
      if (e.kind === 'skipped') {
        const entry = skipped.get(c.path)
        if (!entry) failures.push(`${label}: not reported as skipped (${e.reason})${result.indexedPaths.includes(c.path) ? ', it was indexed' : ''}`)
        else if (entry.reason !== e.reason) failures.push(`${label}: reported as ${entry.reason} (${entry.detail}), expected ${e.reason}`)
        else if (entry.detail.trim() === '') failures.push(`${label}: no detail given`)
      } else if (e.kind === 'indexed') {
        if (skipped.has(c.path)) failures.push(`${label}: skipped as ${skipped.get(c.path)!.reason} (${skipped.get(c.path)!.detail}), expected indexed`)
        if (!result.searches[e.query]?.includes(c.path)) failures.push(`${label}: search for ${e.query} does not find it (got ${JSON.stringify(result.searches[e.query])})`)
        if (e.warning && !warned.has(c.path)) failures.push(`${label}: indexed without the expected warning`)
        if (e.notQuery && result.searches[e.notQuery]?.includes(c.path)) failures.push(`${label}: hidden text "${e.notQuery}" was indexed`)
      } else {
        if (skipped.has(c.path)) failures.push(`${label}: ignored files must not be reported, got ${skipped.get(c.path)!.reason}`)
        if ((result.searches[e.query] ?? []).length > 0) failures.push(`${label}: an ignored file was indexed`)
      }
    }
    for (const g of corpus.goodFiles) if (result.searches[g.query]?.[0] !== g.path) failures.push(`good note ${g.path} not found by ${g.query}`)
    if ((result.searches['outsidesecretzq'] ?? []).length > 0) failures.push('a note outside the root was indexed through a link')
    expect.soft(failures).toEqual([])

    // Exactly the expected files are in the index: nothing extra (no file reached through a link, no unreadable folder's notes).
    const expectedIndexed = [...corpus.cases.filter((c) => c.expect.kind === 'indexed').map((c) => c.path), ...corpus.goodFiles.map((g) => g.path)].sort()
    expect.soft([...result.indexedPaths].sort()).toEqual(expectedIndexed)
    expect.soft(result.hybrid).toEqual({ hits: expect.any(Number), semantic: true })
    expect.soft(result.hybrid.hits).toBeGreaterThan(0)
    expect.soft(result.check.problems).toEqual([])
    expect.soft(result.status.health).toBe('ok')

    // `semnote check` (the CLI, a separate process, same privileges) agrees.
    const cli = await runTsChild(cliEntry, ['check', '--json', '--data-dir', dataDir, '--models-dir', pack], { unprivileged: true })
    expect(cli.code, cli.stdout + cli.stderr).toBe(0)
    expect(JSON.parse(cli.stdout.trim().split('\n').at(-1)!)).toEqual(expect.objectContaining({ ok: true, problems: [] }))
  }, 360_000) // the hostile documents add their worker's start, a 5,000-page PDF and 2,000 passages to embed

  it('copes with files that change, vanish or change kind between the scan and the read, or while being read', async () => {
    const pack = await getTinyPack()
    const root = temp.make('moving')
    const dataDir = temp.make('moving-data')
    const names = ['vanishes.md', 'becomes-fifo.md', 'becomes-folder.md', 'becomes-link.md', 'grows-too-large.md', 'emptied.md', 'rewritten.md']
    for (const name of names) writeFileSync(join(root, name), `# ${name}\n\noriginal text origzq\n`)
    writeFileSync(join(root, 'steady.md'), '# Steady\n\nA steady note steadyzq.\n')
    const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: true, threads: 1, maxFileBytes: 64 * 1024 }, { settleMs: 100, rootCheckMs: 500 })
    try {
      // Paused: the scan queues every file, nothing is read yet; then each file changes under the queue.
      await engine.call('pauseIndexing', undefined)
      await engine.call('addRoots', { paths: [root] })
      await eventually(async () => (await engine.call('status', undefined)).progress.filesTotal >= names.length + 1 || undefined, 'files queued')
      rmSync(join(root, 'vanishes.md'))
      rmSync(join(root, 'becomes-fifo.md'))
      execFileSync('mkfifo', [join(root, 'becomes-fifo.md')])
      rmSync(join(root, 'becomes-folder.md'))
      mkdirSync(join(root, 'becomes-folder.md'))
      rmSync(join(root, 'becomes-link.md'))
      writeFileSync(join(root, 'link-target.txt'), 'target')
      execFileSync('ln', ['-s', join(root, 'link-target.txt'), join(root, 'becomes-link.md')])
      writeFileSync(join(root, 'grows-too-large.md'), 'big '.repeat(40_000))
      writeFileSync(join(root, 'emptied.md'), '')
      await engine.call('resumeIndexing', undefined)

      // A note rewritten many times while indexing runs; only its last version may remain.
      for (let version = 0; version < 40; version++) {
        const tmp = join(root, `.rewritten.tmp`)
        writeFileSync(tmp, `# Rewritten\n\nversion ${version} text v${version}zq\n`)
        renameSync(tmp, join(root, 'rewritten.md')) // atomic save, as editors do
        if (version % 2 === 0) writeFileSync(join(root, 'rewritten.md'), `# Rewritten\n\nversion ${version} text v${version}zq partial`) // in-place save
        await new Promise((r) => setTimeout(r, 15))
      }
      writeFileSync(join(root, 'rewritten.md'), '# Rewritten\n\nfinal text finalzq\n')

      await eventually(async () => {
        await engine.whenIdle()
        return (await engine.call('search', { query: 'finalzq', mode: 'keyword' })).hits.length === 1 || undefined
      }, 'final version indexed')
      await engine.whenIdle()
      const status = await engine.call('status', undefined)
      const reasons = Object.fromEntries(status.skipped.map((s) => [s.path.slice(root.length + 1), s.reason]))
      expect(reasons).toEqual(expect.objectContaining({ 'becomes-fifo.md': 'not-a-file', 'becomes-link.md': 'not-a-file', 'grows-too-large.md': 'too-large' }))
      expect(reasons['vanishes.md']).toBeUndefined() // gone: nothing to report, nothing indexed
      expect(reasons['becomes-folder.md']).toBeUndefined()
      const indexed = [...(await engine.chunkCounts()).keys()].map((p) => p.slice(root.length + 1)).sort()
      expect(indexed).toEqual(['emptied.md', 'link-target.txt', 'rewritten.md', 'steady.md'])
      expect((await engine.call('search', { query: 'origzq', mode: 'keyword' })).hits).toEqual([]) // no stale version of any changed file
      for (let version = 0; version < 40; version++) expect((await engine.call('search', { query: `v${version}zq`, mode: 'keyword' })).hits, `version ${version}`).toEqual([])
      expect((await engine.call('search', { query: 'steadyzq', mode: 'keyword' })).hits.map((h) => h.path)).toEqual([join(root, 'steady.md')])
      expect((await engine.check()).problems).toEqual([])
    } finally {
      await engine.close()
    }
  })
})
