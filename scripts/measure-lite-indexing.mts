// Measures lite-pack indexing end to end (files -> searchable) on the eval corpora: median chunks/s of fresh-process rounds, and a fingerprint of the rows.
// Usage: npx tsx scripts/measure-lite-indexing.mts [--rounds 3] [--eval ../shared/eval] [--fingerprint]
import { fork } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Engine } from '../src/main/engine/engine'
import { ChunkStore } from '../src/main/engine/store/chunk-store'

const MODEL_ID = 'semnote-lite-multi'
const DIMENSION = 1024
const repoRoot = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    eval: { type: 'string', default: join(repoRoot, '..', 'shared', 'eval') },
    fingerprint: { type: 'boolean', default: false },
    round: { type: 'string' }
  }
})

/** One timed indexing run in this process: prints a JSON line { chunks, seconds, fingerprint? }. */
async function runRound(corpus: string, fingerprint: boolean): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'semnote-measure-data-'))
  try {
    const engine = await Engine.open({ dataDir, modelDirs: [join(repoRoot, 'resources', 'models')], modelId: MODEL_ID, watch: false })
    const started = performance.now()
    const startedUs = Number(process.hrtime.bigint() / 1000n)
    const cpuBefore = process.cpuUsage()
    await engine.call('addRoots', { paths: [corpus] })
    await engine.whenIdle()
    const seconds = (performance.now() - started) / 1000
    const endedUs = Number(process.hrtime.bigint() / 1000n)
    const cpu = process.cpuUsage(cpuBefore)
    const { chunks, files } = await engine.call('status', undefined)
    await engine.close()
    const result: Record<string, unknown> = { files, chunks, seconds, window: [startedUs, endedUs], cpuSeconds: (cpu.user + cpu.system) / 1e6 }
    if (fingerprint) result.fingerprint = await fingerprintRows(dataDir, corpus)
    console.log(JSON.stringify(result))
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** Hash of every row's content (paths relative to the corpus, vectors as bytes), in path and ordinal order. */
async function fingerprintRows(dataDir: string, corpus: string): Promise<string> {
  const opened = await ChunkStore.open(dataDir, { modelId: MODEL_ID, dimension: DIMENSION })
  const hash = createHash('sha256')
  try {
    const paths = (await opened.listPaths()).map((p) => p.path).sort()
    for (const path of paths) {
      for (const row of await opened.rowsOf(path)) {
        const { vector, mtime: _m, root: _r, path: _p, id: _i, ...rest } = row
        hash.update(JSON.stringify({ ...rest, path: relative(corpus, path) }))
        if (vector) hash.update(Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength))
      }
    }
  } finally {
    await opened.close()
  }
  return hash.digest('hex').slice(0, 16)
}

async function main(): Promise<void> {
  if (values.round) return runRound(values.round, values.fingerprint ?? false)
  const corpus = await mkdtemp(join(tmpdir(), 'semnote-measure-corpus-'))
  try {
    for (const set of (await readdir(values.eval!)).sort()) {
      await cp(join(values.eval!, set, 'corpus'), join(corpus, set), { recursive: true }).catch(() => undefined)
    }
    const results: { chunks: number; seconds: number; cpuSeconds: number; fingerprint?: string }[] = []
    for (let r = 0; r < Number(values.rounds); r++) {
      const output = await new Promise<string>((done, fail) => {
        const args = ['--round', corpus, ...(values.fingerprint ? ['--fingerprint'] : [])]
        const child = fork(process.argv[1]!, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, LANCEDB_LOG: 'error' } })
        let out = ''
        child.stdout!.on('data', (d) => (out += d))
        child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`round exited with ${code}`))))
      })
      const result = JSON.parse(output.trim().split('\n').pop()!) as { chunks: number; seconds: number; cpuSeconds: number; fingerprint?: string }
      results.push(result)
      console.log(`round ${r + 1}: ${result.chunks} chunks in ${result.seconds.toFixed(2)} s = ${(result.chunks / result.seconds).toFixed(0)} chunks/s (process CPU ${result.cpuSeconds.toFixed(2)} s)${result.fingerprint ? ` rows ${result.fingerprint}` : ''}`)
    }
    const rates = results.map((r) => r.chunks / r.seconds).sort((a, b) => a - b)
    const cpu = results.map((r) => r.cpuSeconds).sort((a, b) => a - b)
    console.log(`median: ${rates[Math.floor(rates.length / 2)]!.toFixed(0)} chunks/s over ${results.length} rounds (median process CPU ${cpu[Math.floor(cpu.length / 2)]!.toFixed(2)} s)`)
  } finally {
    await rm(corpus, { recursive: true, force: true })
  }
}

await main()
