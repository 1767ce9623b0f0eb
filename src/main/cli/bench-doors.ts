// Bench section "doors": one search through MCP (semnote mcp, stdio) and through HTTP (semnote serve) next to the same
// search in-process, interleaved in one run, wall and CPU time (the server process's CPU read from /proc where there is one).
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { loadOrCreateToken } from '../doors/http/token'
import { ReadOnlyEngine } from '../doors/read-only-engine'
import { Engine } from '../engine/engine'
import { loadPack } from '../engine/model/pack'
import { evalQueries, type BenchConfig } from './bench-setup'
import { pairedRatio, percentiles, round, type Percentiles } from './bench-stats'

export interface DoorLatency {
  wall: Percentiles
  /** CPU time per query, ms: the client (this process) plus the server process when there is one. */
  cpuMsPerQuery: number
  /** Share of queries that returned at least one hit. */
  withHits: number
}

export interface DoorsResult {
  notes: number
  chunks: number
  model: string
  queries: number
  inProcess: DoorLatency
  http: DoorLatency
  mcp: DoorLatency
  /** Median per-round ratio of wall p50 (rounds of the three are back to back). */
  httpToInProcess: number
  mcpToInProcess: number
  /** False where /proc is missing (not Linux): the server processes' CPU is then not counted. */
  serverCpuCounted: boolean
}

type Search = (query: string) => Promise<number>

/** CPU time (user + system) of another process in ms, from /proc; null where that is not available. */
async function processCpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null)
  if (stat === null) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ 100 on Linux)
}

const ownCpuMs = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** Starts `semnote serve` (this very CLI) on a free port; resolves with its URL once it listens. */
function startServe(dataArgs: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'serve', '--port', '0', ...dataArgs], {
    env: { ...process.env, LANCEDB_LOG: 'error' },
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += String(chunk)
      const url = /Semnote API on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1]
      if (url) resolve({ child, url })
    })
    child.once('exit', (code) => reject(new Error(`bench: semnote serve exited with ${code}: ${stderr}`)))
  })
}

/** Times `count` queries per door, rotating which door goes first in each round. */
async function measure(doors: Record<'inProcess' | 'http' | 'mcp', { search: Search; pid?: number }>, queries: string[], count: number) {
  const names = Object.keys(doors) as (keyof typeof doors)[]
  const wall = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof doors, number[]>
  const cpu = Object.fromEntries(names.map((n) => [n, 0])) as Record<keyof typeof doors, number>
  const hits = Object.fromEntries(names.map((n) => [n, 0])) as Record<keyof typeof doors, number>
  let serverCpuCounted = true
  for (const name of names) await doors[name].search(queries[0]!) // warm-up: model, table, connection
  for (let i = 0; i < count; i++) {
    const query = queries[i % queries.length]!
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]!
      const door = doors[name]
      const cpuBefore = ownCpuMs()
      const serverBefore = await processCpuMs(door.pid)
      const start = performance.now()
      const found = await door.search(query)
      wall[name].push(performance.now() - start)
      const serverAfter = await processCpuMs(door.pid)
      if (door.pid !== undefined && (serverBefore === null || serverAfter === null)) serverCpuCounted = false
      cpu[name] += ownCpuMs() - cpuBefore + (serverAfter ?? 0) - (serverBefore ?? 0)
      if (found > 0) hits[name]++
    }
  }
  const latency = (name: keyof typeof doors): DoorLatency => ({ wall: percentiles(wall[name]), cpuMsPerQuery: round(cpu[name] / count), withHits: round(hits[name] / count) })
  return { latency, wall, serverCpuCounted }
}

/** Indexes the lite corpus with the lite pack (what users get first), then measures the three doors on it. */
export async function benchDoors(config: BenchConfig): Promise<DoorsResult> {
  const packDir = config.litePackDir ?? config.packDir
  const corpus = config.litePackDir ? (config.liteCorpusDir ?? config.corpusDir) : config.corpusDir
  const modelsDir = join(packDir, '..')
  const modelId = (await loadPack(packDir)).manifest.id
  const dataDir = join(config.workDir, 'doors-data')
  const dataArgs = ['--data-dir', dataDir, '--models-dir', modelsDir, '--model-id', modelId]
  const writer = await Engine.open({ dataDir, modelDirs: [modelsDir], modelId, threads: config.threads, watch: false })
  await writer.call('addRoots', { paths: [corpus] })
  await writer.whenSettled()
  const status = await writer.call('status', undefined)
  await writer.close()

  const reader = new ReadOnlyEngine({ dataDir, modelDirs: [modelsDir], modelId, threads: config.threads })
  const token = await loadOrCreateToken(dataDir)
  const serve = await startServe(dataArgs)
  const mcpTransport = new StdioClientTransport({
    command: process.execPath,
    args: [...process.execArgv, process.argv[1]!, 'mcp', ...dataArgs],
    env: { ...(process.env as Record<string, string>), LANCEDB_LOG: 'error' },
    stderr: 'ignore'
  })
  const mcp = new Client({ name: 'semnote-bench', version: '1' })
  try {
    await mcp.connect(mcpTransport)
    const request = (query: string) => ({ query, limit: 10 })
    const doors = {
      inProcess: { search: async (query: string) => (await reader.call('search', { ...request(query), scoreSentences: false })).hits.length },
      http: {
        pid: serve.child.pid,
        search: async (query: string) => {
          const response = await fetch(`${serve.url}/v1/search?q=${encodeURIComponent(query)}&limit=10`, { headers: { Authorization: `Bearer ${token}` } })
          if (response.status !== 200) throw new Error(`bench: HTTP search answered ${response.status}: ${await response.text()}`)
          return ((await response.json()) as { hits: unknown[] }).hits.length
        }
      },
      mcp: {
        pid: mcpTransport.pid ?? undefined,
        search: async (query: string) => {
          const result = (await mcp.callTool({ name: 'search_notes', arguments: request(query) })) as { isError?: boolean; structuredContent?: { hits: unknown[] }; content: { text: string }[] }
          if (result.isError) throw new Error(`bench: MCP search failed: ${result.content[0]?.text}`)
          return result.structuredContent!.hits.length
        }
      }
    }
    const queries = (await evalQueries(config.evalDir)).filter((q) => q.length <= 2000)
    const count = config.queries
    const { latency, wall, serverCpuCounted } = await measure(doors, queries, count)
    // Per-round ratios over groups of queries (each group ran back to back on all three doors).
    const group = Math.max(1, Math.floor(count / 10))
    const p50s = (samples: number[]) => Array.from({ length: Math.floor(samples.length / group) }, (_, g) => percentiles(samples.slice(g * group, (g + 1) * group)).p50)
    return {
      notes: status.files,
      chunks: status.chunks,
      model: status.model.id,
      queries: count,
      inProcess: latency('inProcess'),
      http: latency('http'),
      mcp: latency('mcp'),
      httpToInProcess: pairedRatio(p50s(wall.http), p50s(wall.inProcess)),
      mcpToInProcess: pairedRatio(p50s(wall.mcp), p50s(wall.inProcess)),
      serverCpuCounted
    }
  } finally {
    await mcp.close().catch(() => undefined)
    serve.child.kill('SIGINT')
    await new Promise((resolve) => (serve.child.exitCode !== null ? resolve(null) : serve.child.once('exit', resolve)))
    await reader.close()
  }
}
