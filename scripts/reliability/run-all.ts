// The full reliability run (issue 7): crash rounds, storms, bad inputs, index damage and security at full size; prints the RELIABILITY figures.
// Run: npx tsx scripts/reliability/run-all.ts [group...]   (npm run reliability; e.g. `crash`, `storms`, `bad inputs`). Environment variables already set win over the full sizes below.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { API_CALL_NAMES } from '../../src/shared/api'
import { XSS_PAYLOADS } from '../../test/e2e/fixtures/xss-payloads'
import { generateBadInputs } from './bad-inputs'
import { measureMemoryLimits } from './memory-limits'

const repo = resolve(__dirname, '..', '..')

/** Full sizes (issue 7): 50 seeded crash rounds over 2,000 files, storms of 10,000 files, the full-size bad-input corpus. */
const FULL_ENV: Record<string, string> = {
  SEMNOTE_CRASH_ROUNDS: '50',
  SEMNOTE_CRASH_FILES: '2000',
  SEMNOTE_CRASH_MAX_DELAY_MS: '20000',
  SEMNOTE_STORM_FILES: '10000',
  SEMNOTE_RELIABILITY_FULL: '1'
}

interface Group {
  name: string
  files: string[]
  /** One line of figures for the group (before the result is known). */
  figures: () => string | Promise<string>
  /** A group that is a measurement, not test files: runs it and says what passed. */
  run?: () => Promise<GroupResult & { lines: string[] }>
}

interface GroupResult {
  passed: number
  failed: number
  failedNames: string[]
  seconds: number
}

const env = { ...FULL_ENV, ...pick(process.env, Object.keys(FULL_ENV)) }

const GROUPS: Group[] = [
  {
    name: 'crash consistency',
    files: ['test/engine/crash.test.ts', 'test/store/crash.test.ts'],
    figures: () => `${env.SEMNOTE_CRASH_ROUNDS} seeded rounds, ${env.SEMNOTE_CRASH_FILES} files, SIGKILL within ${env.SEMNOTE_CRASH_MAX_DELAY_MS} ms of indexing start; semnote check after every round`
  },
  {
    name: 'watcher storms',
    files: ['test/engine/storm.test.ts', 'test/reliability/storm.test.ts'],
    figures: () => {
      const n = Number(env.SEMNOTE_STORM_FILES)
      return `${n} files created in a burst, ${Math.floor(n / 2)} renamed at once, a folder of ${n} renamed, a root of ${Math.max(30, Math.floor(n / 3))} deleted and recreated (2 ways), heap bounded`
    }
  },
  {
    name: 'bad inputs',
    files: ['test/reliability/bad-inputs.test.ts', 'test/engine/bad-input.test.ts', 'test/extract/bad-input.test.ts'],
    figures: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'semnote-count-'))
      try {
        const corpus = await generateBadInputs(dir, env.SEMNOTE_RELIABILITY_FULL === '1' ? 'full' : 'ci')
        await corpus.dispose()
        return `${corpus.cases.length} generated cases + 7 cases changing under the reader, ${corpus.goodFiles.length} good notes beside them`
      } finally {
        spawnSync('chmod', ['-R', 'u+rwx', dir])
        spawnSync('rm', ['-rf', dir])
      }
    }
  },
  {
    name: 'index damage',
    files: ['test/reliability/index-damage.test.ts', 'test/reliability/check-corruption.test.ts', 'test/engine/paths-and-check.test.ts'],
    figures: () => '13 kinds of damage to LanceDB files and engine state (3 opens each), 8 kinds of table corruption caught by semnote check'
  },
  {
    name: 'security',
    files: ['test/main/ipc.test.ts', 'test/renderer/xss-inert.test.ts', 'test/e2e/renderer.e2e.test.ts', 'test/main/audit-build.test.ts'],
    figures: () => `${XSS_PAYLOADS.length} XSS payloads in notes (real renderer in Chromium), malformed-payload fuzzing of all ${API_CALL_NAMES.length} IPC calls`
  },
  {
    name: 'memory',
    files: [],
    figures: () => 'peak RSS of the built CLI indexing 3,300 man pages and five 19 MB Markdown files with the bundled lite pack, against the 700 MB limit',
    run: measureMemoryLimits
  }
]

function pick(source: NodeJS.ProcessEnv, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]!]))
}

/** Runs one group's test files with vitest; counts from its JSON report. */
function runGroup(group: Group): GroupResult {
  const present = group.files.filter((file) => existsSync(join(repo, file)))
  const missing = group.files.filter((file) => !present.includes(file))
  const reportDir = mkdtempSync(join(tmpdir(), 'semnote-reliability-'))
  const report = join(reportDir, 'report.json')
  const started = Date.now()
  spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, '--testTimeout=7200000', '--hookTimeout=7200000', ...present],
    { cwd: repo, stdio: 'inherit', env: { ...process.env, ...env, LANCEDB_LOG: 'error' } }
  )
  const result: GroupResult = { passed: 0, failed: missing.length, failedNames: missing.map((f) => `${f} (missing)`), seconds: Math.round((Date.now() - started) / 1000) }
  if (!existsSync(report)) return { ...result, failed: result.failed + 1, failedNames: [...result.failedNames, 'vitest wrote no report'] }
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    testResults: { name: string; status: string; assertionResults: { fullName: string; status: string }[] }[]
  }
  rmSync(reportDir, { recursive: true, force: true })
  result.passed = json.numPassedTests
  result.failed += json.numFailedTests
  for (const file of json.testResults) {
    for (const test of file.assertionResults) if (test.status === 'failed') result.failedNames.push(test.fullName)
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      result.failed++
      result.failedNames.push(`${file.name} (did not load)`)
    }
  }
  return result
}

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const groups = only.length ? GROUPS.filter((g) => only.some((o) => g.name.includes(o))) : GROUPS
  if (groups.length === 0) {
    console.error(`no group matches ${only.join(' ')}; groups: ${GROUPS.map((g) => g.name).join(', ')}`)
    process.exit(2)
  }
  const lines: string[] = []
  let failures = 0
  for (const group of groups) {
    const figures = await group.figures()
    const result: GroupResult & { lines?: string[] } = group.run ? await group.run() : runGroup(group)
    failures += result.failed
    lines.push(`${group.name}: ${figures}. ${result.passed} passed, ${result.failed} failed (${result.seconds} s)`)
    for (const line of result.lines ?? []) lines.push(`    ${line}`)
    for (const name of result.failedNames) lines.push(`    FAILED ${name}`)
  }
  console.log(`\nRELIABILITY (${new Date().toISOString().slice(0, 10)}, ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')})`)
  for (const line of lines) console.log(`  ${line}`)
  console.log(`  failures: ${failures}`)
  process.exit(failures === 0 ? 0 : 1)
}

void main()
