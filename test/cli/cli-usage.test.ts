// Issue 19.14: the CLI's rough edges: global options anywhere, --version, <command> --help, clear one-line usage errors,
// options that name nothing (--root, --model-id, a mistyped --data-dir), an empty query.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../src/main/cli/main'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())
afterEach(() => vi.restoreAllMocks())

/** Runs the CLI in this process, capturing what it prints and the exit code it sets. */
async function semnote(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')))
  process.exitCode = undefined
  try {
    await runCli(args)
    return { code: Number(process.exitCode ?? 0), stdout: out.join('\n'), stderr: err.join('\n') }
  } finally {
    process.exitCode = undefined
    vi.restoreAllMocks()
  }
}

let notes: string
let dataDir: string
let models: string[]

beforeAll(async () => {
  notes = temp.make('cli-notes')
  dataDir = temp.make('cli-data')
  writeFileSync(join(notes, 'kites.md'), '# Kites\n\nFlying kites on the beach in autumn.\n')
  models = ['--models-dir', await getTinyPack()]
  // A global option before the command.
  const indexed = await semnote('--data-dir', dataDir, ...models, 'index', notes)
  expect(indexed.stderr).toBe('')
  expect(indexed.code).toBe(0)
})

/** A usage error: exit 2, one line saying what is wrong, one line saying where help is. */
function expectUsageError(result: { code: number; stdout: string; stderr: string }, message: RegExp, command?: string): void {
  expect(result.code, result.stderr).toBe(2)
  const lines = result.stderr.trim().split('\n')
  expect(lines, result.stderr).toHaveLength(2)
  expect(lines[0]).toMatch(message)
  expect(lines[1]).toBe(`Run "semnote ${command ? `${command} ` : ''}--help" for usage.`)
  expect(result.stdout).toBe('')
}

describe('semnote CLI usage (issue 19.14)', () => {
  it('takes global options before or after the command', async () => {
    expect(existsSync(join(dataDir, 'lancedb'))).toBe(true)
    const before = await semnote('--data-dir', dataDir, ...models, 'search', 'kites', '--json')
    const after = await semnote('search', 'kites', '--json', '--data-dir', dataDir, ...models)
    expect(JSON.parse(before.stdout).hits[0].path).toBe(join(notes, 'kites.md'))
    expect(JSON.parse(after.stdout).hits[0].path).toBe(join(notes, 'kites.md'))
  })

  it('prints its version, and each command its own help', async () => {
    const version = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version as string
    expect(await semnote('--version')).toEqual({ code: 0, stdout: `semnote ${version}`, stderr: '' })
    const help = await semnote('search', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: semnote search "<query>"/)
    expect(help.stdout).toMatch(/--mode hybrid\|semantic\|keyword/)
    expect(help.stdout).toMatch(/--data-dir/)
    expect(help.stdout).not.toMatch(/eval <set-dir>/)
    expect((await semnote('index', '-h')).stdout).toMatch(/^Usage: semnote index <dir>\.\.\. \[--watch\]/)
  })

  it('reports usage errors in one line plus a hint, never the whole help', async () => {
    expectUsageError(await semnote('bogus'), /^semnote: unknown command: bogus$/)
    expectUsageError(await semnote('search', 'kites', '--bogus', '--data-dir', dataDir), /^semnote: unknown option --bogus$/, 'search')
    expectUsageError(await semnote('search', 'kites', '-k', '-1', '--data-dir', dataDir), /^semnote: -k must be a positive integer, got -1$/, 'search')
    expectUsageError(await semnote('search', 'kites', '--limit', '0', '--data-dir', dataDir), /^semnote: -k must be a positive integer, got 0$/, 'search')
    expectUsageError(await semnote('search', 'kites', '--mode', 'fuzzy', '--data-dir', dataDir), /^semnote: --mode must be one of hybrid, semantic, keyword$/, 'search')
    expectUsageError(await semnote('search', '', '--data-dir', dataDir, ...models), /^semnote: search: the query is empty$/, 'search')
    expectUsageError(await semnote('search', '   ', '--data-dir', dataDir, ...models), /^semnote: search: the query is empty$/, 'search')
  })

  it('refuses options that name nothing: --root, --model-id, a mistyped --data-dir (which it does not create)', async () => {
    expectUsageError(await semnote('search', 'kites', '--root', '/nonexistent', '--data-dir', dataDir, ...models), /^semnote: --root \/nonexistent: folder not found$/, 'search')
    const elsewhere = temp.make('cli-not-a-root')
    expectUsageError(await semnote('search', 'kites', '--root', elsewhere, '--data-dir', dataDir, ...models), /--root .*: not an indexed folder \(indexed: .*cli-notes.*\)/, 'search')
    expectUsageError(await semnote('search', 'kites', '--model-id', 'nonexistent', '--data-dir', dataDir, ...models), /^semnote: --model-id nonexistent: no such model pack .*found: semnote-test-tiny/, 'search')
    const typo = join(temp.make('cli-typo-parent'), 'dataa')
    const status = await semnote('status', '--data-dir', typo)
    expect(status.code).toBe(1)
    expect(status.stderr).toMatch(/^semnote: No index in .*dataa yet: run "semnote index <folder>" first, or check --data-dir\. \(NOT_FOUND\)$/)
    expect(existsSync(typo)).toBe(false)
    expect((await semnote('check', '--data-dir', typo)).code).toBe(1)
    expect(existsSync(typo)).toBe(false)
  })
})
