// Process CPU per passage of lite-pack indexing, split by OS thread (/proc/self/task/*: name and on-CPU time), for one or
// more engine checkouts in interleaved rounds on the bench's 1,000 generated notes. Linux only.
// Usage: npx tsx scripts/measure-thread-cpu.mts [--repos DIR,DIR] [--rounds 5] [--runs 2] [--notes 1000] [--prepare-threads N]
// Each round starts one process per repo (in turn) that indexes the notes once as a warm-up, then `runs` measured times.
// Each process starts as the app starts its engine process (the repo's src/main/engine-env.ts: node flags, malloc
// settings) where the repo has that file; `DIR+bare` leaves them out. `DIR+FLAG+NAME=VALUE` adds node flags and
// environment variables to DIR's process.
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { threadTimes } from '../src/main/cli/thread-cpu'

const here = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: {
    repos: { type: 'string', default: here },
    rounds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '2' },
    notes: { type: 'string', default: '1000' },
    'prepare-threads': { type: 'string' },
    child: { type: 'string' },
    corpus: { type: 'string' }
  }
})

interface RunResult {
  passages: number
  wallMs: number
  processMs: number
  /** CPU ms by thread group over the run (threads that ended during it: "ended"). */
  groups: Record<string, number>
  /** CPU ms of each thread over the run: name, thread id, and whether it started during the run. */
  threads: { name: string; tid: number; ms: number; new: boolean }[]
  /** The engine's own split where it has one (prepare workers, model worker). */
  workerCpu?: { prepareMs: number; modelMs: number }
}

/** Thread group: the main thread is the engine thread; others by name with trailing digits dropped. */
function groupOf(tid: number, name: string, mainTid: number): string {
  if (tid === mainTid) return 'engine thread'
  return name.replace(/[-_ ]?\d+$/, '')
}

async function child(repo: string, corpus: string): Promise<void> {
  const { Engine } = (await import(pathToFileURL(join(repo, 'src', 'main', 'engine', 'engine.ts')).href)) as typeof import('../src/main/engine/engine')
  const runs = Number(values.runs)
  const results: RunResult[] = []
  for (let r = 0; r <= runs; r++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'semnote-thread-cpu-'))
    const prepareThreads = values['prepare-threads'] ? { prepareThreads: Number(values['prepare-threads']) } : {}
    const engine = await Engine.open({ dataDir, modelDirs: [join(repo, 'resources', 'models')], modelId: 'semnote-lite-multi', threads: 1, ...prepareThreads, watch: false })
    try {
      const workerCpu = () => ('workerCpu' in engine ? (engine as { workerCpu(): { prepareMicros: number; modelMicros: number } }).workerCpu() : null)
      const workersBefore = workerCpu()
      const profiling = process.env.PROFILE_FILE && r === runs ? await startProfile() : null
      const before = threadTimes()!
      const processBefore = process.cpuUsage()
      const start = performance.now()
      await engine.call('addRoots', { paths: [corpus] })
      await engine.whenIdle()
      const wallMs = performance.now() - start
      const processUsed = process.cpuUsage(processBefore)
      const after = threadTimes()!
      if (profiling) await profiling()
      const workersAfter = workerCpu()
      const passages = [...(await engine.chunkCounts()).values()].reduce((a, b) => a + b, 0)
      const groups: Record<string, number> = {}
      const threads: RunResult['threads'] = []
      let counted = 0
      for (const [tid, { name, ms }] of after) {
        const used = ms - (before.get(tid)?.ms ?? 0)
        threads.push({ name, tid, ms: +used.toFixed(1), new: !before.has(tid) })
        const group = groupOf(tid, name, process.pid)
        groups[group] = (groups[group] ?? 0) + used
        counted += used
      }
      const processMs = (processUsed.user + processUsed.system) / 1000
      groups['ended'] = Math.max(0, processMs - counted)
      if (r > 0) {
        results.push({
          passages,
          wallMs,
          processMs,
          groups,
          threads,
          ...(workersBefore && workersAfter
            ? { workerCpu: { prepareMs: (workersAfter.prepareMicros - workersBefore.prepareMicros) / 1000, modelMs: (workersAfter.modelMicros - workersBefore.modelMicros) / 1000 } }
            : {})
        })
      }
    } finally {
      await engine.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  process.send?.(results)
}

/** Profiles this thread until the returned function is called (writes PROFILE_FILE). */
async function startProfile(): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises')
  const { writeFile } = await import('node:fs/promises')
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  return async () => {
    const { profile } = await session.post('Profiler.stop')
    await writeFile(process.env.PROFILE_FILE!, JSON.stringify(profile))
    session.disconnect()
  }
}

/** Node flags and environment of a repo's engine process (as its app starts it unless `bare`), plus `extraFlags`. */
async function engineProcessOf(repo: string, extraFlags: string[], bare: boolean): Promise<{ execArgv: string[]; env: NodeJS.ProcessEnv }> {
  const envFile = join(repo, 'src', 'main', 'engine-env.ts')
  const base = { execArgv: [...process.execArgv, ...extraFlags], env: { ...process.env, LANCEDB_LOG: 'error' } }
  if (bare || !existsSync(envFile)) return base
  const { engineExecArgv, engineProcessEnv } = (await import(pathToFileURL(envFile).href)) as typeof import('../src/main/engine-env')
  return { execArgv: engineExecArgv(base.execArgv), env: engineProcessEnv(base.env) }
}

/** What each repo's process ran with beyond this one's flags and environment. */
const engineFlags = new Map<string, string[]>()

async function runChild(spec: string, corpus: string): Promise<RunResult[]> {
  const [repo, ...extra] = spec.split('+')
  const { execArgv, env } = await engineProcessOf(repo!, extra.filter((item) => item.startsWith('-')), extra.includes('bare'))
  for (const item of extra.filter((item) => item.includes('=') && !item.startsWith('-'))) env[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1)
  engineFlags.set(spec, [...execArgv.filter((flag) => !process.execArgv.includes(flag)), ...Object.keys(env).filter((name) => name !== 'LANCEDB_LOG' && env[name] !== process.env[name]).map((name) => `${name}=${env[name]}`)])
  return new Promise((done, fail) => {
    const args = ['--child', repo!, '--corpus', corpus, '--runs', values.runs!, ...(values['prepare-threads'] ? ['--prepare-threads', values['prepare-threads']] : [])]
    const proc = fork(process.argv[1]!, args, { cwd: repo, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env })
    let results: RunResult[] | null = null
    proc.on('message', (message) => (results = message as RunResult[]))
    proc.on('exit', (code) => (code === 0 && results ? done(results) : fail(new Error(`${repo}: exit ${code}`))))
  })
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

async function main(): Promise<void> {
  if (values.child) return child(values.child, values.corpus!)
  const repos = values.repos!.split(',').map((r) => [resolve(r.split('+')[0]!), ...r.split('+').slice(1)].join('+'))
  const { writeSyntheticNotes } = await import('../src/main/cli/bench-notes')
  const corpus = await mkdtemp(join(tmpdir(), 'semnote-thread-cpu-notes-'))
  try {
    await writeSyntheticNotes(corpus, join(here, 'resources', 'models', 'semnote-lite-multi', 'vocab.txt'), Number(values.notes))
    const all = new Map<string, RunResult[]>(repos.map((r) => [r, []]))
    const loads: number[] = []
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const repo of round % 2 === 0 ? repos : [...repos].reverse()) {
        loads.push(loadavg()[0]!)
        const results = await runChild(repo, corpus)
        all.get(repo)!.push(...results)
        const last = results.map((x) => (x.processMs / x.passages).toFixed(3)).join(' ')
        console.error(`round ${round + 1} ${repo}: process CPU ms/passage ${last} (load ${loadavg()[0]!.toFixed(1)})`)
        if (process.env.THREAD_DETAIL) console.error(results.at(-1)!.threads.filter((t) => t.ms > 0).map((t) => `${t.name}${t.new ? '*' : ''} ${t.ms}`).join(', '))
      }
    }
    const summary = [...all].map(([repo, results]) => {
      const passages = results[0]!.passages
      const groups = new Set(results.flatMap((r) => Object.keys(r.groups)))
      const perGroup = Object.fromEntries([...groups].map((g) => [g, +(median(results.map((r) => r.groups[g] ?? 0)) / passages).toFixed(4)]))
      return {
        repo,
        engine: engineFlags.get(repo),
        passages,
        runs: results.length,
        processMsPerPassage: +(median(results.map((r) => r.processMs)) / passages).toFixed(4),
        processMsPerPassageAll: results.map((r) => +(r.processMs / passages).toFixed(3)),
        passagesPerSecond: Math.round(passages / (median(results.map((r) => r.wallMs)) / 1000)),
        threadMsPerPassage: perGroup,
        ...(results[0]!.workerCpu
          ? { workerCpuMsPerPassage: { prepare: +(median(results.map((r) => r.workerCpu!.prepareMs)) / passages).toFixed(4), model: +(median(results.map((r) => r.workerCpu!.modelMs)) / passages).toFixed(4) } }
          : {})
      }
    })
    console.log(JSON.stringify({ load: { min: Math.min(...loads), max: Math.max(...loads), median: median(loads) }, summary }, null, 2))
  } finally {
    await rm(corpus, { recursive: true, force: true })
  }
}

await main()
