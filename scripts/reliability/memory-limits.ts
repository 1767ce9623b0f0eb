// The memory limit check of the reliability run (issue 19.13): peak RSS of `semnote index` with the bundled lite pack on
// 3,300 man pages and on five 19 MB Markdown files, each against the 700 MB the README promises. A limit, not a timing.
// Run alone: npx tsx scripts/reliability/run-all.ts memory   (needs npm run build and man-db; about 15 minutes)
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { manPageFolder, writeLargeMarkdown } from './memory-corpus'
import { measureIndexMemory, phaseSummary } from './memory-peak'

/** Peak resident memory the README promises while indexing, MB. */
export const MEMORY_LIMIT_MB = 700

const repo = resolve(__dirname, '..', '..')

/** Measures both corpora; each one within the limit passes. */
export async function measureMemoryLimits(): Promise<{ passed: number; failed: number; failedNames: string[]; seconds: number; lines: string[] }> {
  const started = Date.now()
  const lines: string[] = []
  const failedNames: string[] = []
  if (!existsSync(join(repo, 'out', 'main', 'cli.js'))) {
    return { passed: 0, failed: 1, failedNames: ['out/main/cli.js missing: run npm run build first'], seconds: 0, lines }
  }
  const man = await manPageFolder(3300)
  const markdownDir = mkdtempSync(join(tmpdir(), 'semnote-memory-markdown-'))
  let passed = 0
  try {
    writeLargeMarkdown(markdownDir, man, 5, 19)
    for (const [name, folder] of [
      ['3,300 man pages', man],
      ['five 19 MB Markdown files', markdownDir]
    ] as const) {
      const run = await measureIndexMemory(folder)
      const within = run.peakMb <= MEMORY_LIMIT_MB && run.exitCode === 0
      if (within) passed++
      else failedNames.push(`${name}: peak ${run.peakMb} MB${run.exitCode === 0 ? '' : `, exit code ${run.exitCode}`}`)
      lines.push(
        `${name}: peak RSS ${run.peakMb} MB of ${MEMORY_LIMIT_MB} MB (${within ? 'within' : `${run.peakMb - MEMORY_LIMIT_MB} MB over`}), ${run.seconds} s wall, ${run.cpuSeconds} s CPU, load ${run.load.map((l) => l.toFixed(1)).join('->')}`
      )
      for (const line of phaseSummary(run.phases)) lines.push(`    ${line}`)
    }
  } finally {
    rmSync(markdownDir, { recursive: true, force: true })
  }
  return { passed, failed: failedNames.length, failedNames, seconds: Math.round((Date.now() - started) / 1000), lines }
}
