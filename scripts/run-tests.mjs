// Runs the whole test suite (vitest) and ends with the plain line "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireSupportedNode } from './node-version.mjs'
import { provisionBrowser } from './test-browser.mjs'

requireSupportedNode('npm test')
console.log(`Node ${process.version} (${process.execPath})`)

// The browser tests need a Chromium; find or provision it before any test runs, or stop with what to do.
const browser = provisionBrowser()
if (browser.error) {
  console.error(`\n${browser.error}\n`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}
console.log(`Browser for the end-to-end tests: ${browser.path}`)

const reportFile = join(mkdtempSync(join(tmpdir(), 'semnote-tests-')), 'report.json')
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: browser.path, LANCEDB_LOG: process.env.LANCEDB_LOG ?? 'error' } }
)

let passed = 0
let failed = 0
let skipped = 0
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'))
  passed = report.numPassedTests
  failed = report.numFailedTests
  skipped = report.numPendingTests + report.numTodoTests
  // A test file that failed outside its tests (it did not load, or a beforeAll/afterAll hook threw, leaving its tests
  // skipped) counts as one failure.
  failed += report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length
} else {
  failed = 1
}
// Whatever else made vitest fail (an unhandled error between tests) is a failure too.
if (vitest.status !== 0 && failed === 0) failed = 1
const ok = vitest.status === 0 && failed === 0 && passed > 0
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(ok ? 0 : 1)
