// The semnote CLI on documents with the bundled lite pack (run from source with tsx): a Japanese PDF's page found from an
// English query (--json shows the page), "p. N" in the human output, --tag (repeatable) filtering the results.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../../src/shared/types'
import { tempFolders } from '../engine/helpers'

const run = promisify(execFile)
const repo = join(__dirname, '..', '..')
const tsx = join(repo, 'node_modules', '.bin', 'tsx')
const entry = join(repo, 'src', 'main', 'cli', 'semnote.ts')
const temp = tempFolders()
let notes: string
let data: string[]

async function semnote(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [entry, ...args, ...data], { env: { ...process.env, LANCEDB_LOG: 'error' }, maxBuffer: 64 << 20 })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout, stderr: e.stderr }
  }
}

beforeAll(async () => {
  notes = temp.make('cli-docs')
  // No models folder of its own: the CLI falls back to the bundled lite pack, as a new user's first run does.
  data = ['--data-dir', temp.make('cli-docs-data'), '--models-dir', temp.make('cli-docs-models')]
  for (const file of ['garden-manual.pdf', 'zh-notes.pdf', 'ja-report.pdf']) copyFileSync(join(repo, 'test', 'fixtures', 'documents', file), join(notes, file))
  mkdirSync(join(notes, 'journal'))
  writeFileSync(join(notes, 'journal', 'party.md'), '# Party\n\nThe neighbours played loud music until midnight. #home\n')
  writeFileSync(join(notes, 'journal', 'concert.md'), '---\ntags: [music, travel]\n---\n# Concert in Osaka\n\nA loud rock concert at night by the river.\n')
  const indexed = await semnote(['index', notes])
  expect(indexed.stderr).toBe('')
  expect(indexed.stdout).toMatch(/total: 5 files/)
}, 300_000)

afterAll(() => temp.cleanup())

describe('semnote search on documents', () => {
  it('finds the Japanese PDF page from an English query, and --json shows the page', async () => {
    const result = await semnote(['search', 'loud music at night', '--mode', 'semantic', '--json'])
    expect(result.code).toBe(0)
    const response = JSON.parse(result.stdout) as SearchResponse
    expect(response.semanticAvailable).toBe(true)
    const ja = response.hits.find((hit) => hit.path === join(notes, 'ja-report.pdf'))
    expect(ja, 'the Japanese PDF is among the hits').toBeDefined()
    expect(ja!.passage.page).toBe(3)
    expect(ja!.passage.text).toContain('音楽がうるさくて')
    // The default (hybrid) search finds it too.
    const hybrid = JSON.parse((await semnote(['search', 'loud music at night', '--json'])).stdout) as SearchResponse
    expect(hybrid.hits.find((hit) => hit.path.endsWith('ja-report.pdf'))?.passage.page).toBe(3)
  })

  it('prints "p. N" for PDF hits and the tags of notes', async () => {
    const human = await semnote(['search', 'frost valve', '-k', '3'])
    expect(human.stdout).toContain(`${join(notes, 'garden-manual.pdf')} p. 12  "Garden Irrigation Manual"`)
    const tagged = await semnote(['search', 'loud concert', '--mode', 'keyword'])
    expect(tagged.stdout).toMatch(/concert\.md:\d+\s+"Concert in Osaka"\s+\[keyword\]\s+#music #travel/)
  })

  it('--tag keeps notes with any of the tags given (repeatable, "#" optional)', async () => {
    const paths = async (...args: string[]) =>
      (JSON.parse((await semnote(['search', 'loud music at night', '--json', ...args])).stdout) as SearchResponse).hits.map((hit) => hit.path.slice(notes.length + 1)).sort()
    expect(await paths('--tag', 'home')).toEqual(['journal/party.md'])
    expect(await paths('--tag', '#music', '--tag', 'home')).toEqual(['journal/concert.md', 'journal/party.md'])
    expect(await paths('--tag', 'nothing-has-this')).toEqual([])
    expect((await semnote(['search', 'x', '--tag', '#'])).code).toBe(2)
  })
})
