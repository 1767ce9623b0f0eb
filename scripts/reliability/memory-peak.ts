// Peak memory of `semnote index` on one folder (issue 19.13): runs the built CLI on a fresh data dir, samples its resident
// memory every 100 ms (--sample-ms), and splits the run by the engine's phases (SEMNOTE_MEMORY_TRACE marks): the peak within each phase.
// Run: npx tsx scripts/reliability/memory-peak.ts <folder> [--env NAME=VALUE]... [--cli <cli.js>] [--sample-ms N] [--phases]   (after npm run build; Linux)
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const repo = resolve(__dirname, '..', '..')

/** One phase of the run: from its mark to the next one. */
export interface PhasePeak {
  phase: string
  /** Resident MB when the phase began, and the most seen until the next mark. */
  startMb: number
  peakMb: number
  /** JavaScript heap of the engine's thread when the phase began, MB. */
  heapMb: number
}

export interface MemoryRun {
  /** Peak resident memory of the whole run (the kernel's high-water mark), MB. */
  peakMb: number
  seconds: number
  cpuSeconds: number
  /** 1-minute load average at the start and the end. */
  load: [number, number]
  exitCode: number | null
  /** How the highest sample splits: anonymous memory (heaps, native allocations) and mapped files, MB. */
  atPeak: { anonymousMb: number; fileMb: number }
  /** The phase in which the high-water mark last rose, i.e. where the peak was (spikes between samples included). */
  peakPhase: string
  phases: PhasePeak[]
  output: string
}

/** Resident and high-water memory of `pid` in MB, or null once it is gone. */
function residentMb(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024
    return { rss: field('VmRSS'), hwm: field('VmHWM') }
  } catch {
    return null
  }
}

/** Anonymous and file-backed resident MB of `pid` (from /proc/<pid>/smaps_rollup), or null once it is gone. */
function residentSplit(pid: number): { anonymousMb: number; fileMb: number } | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) / 1024
    return { anonymousMb: Math.round(field('Anonymous')), fileMb: Math.round(field('Rss') - field('Anonymous')) }
  } catch {
    return null
  }
}

/** User + system CPU seconds of `pid` (from /proc/<pid>/stat), or null once it is gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** Indexes `folder` into a fresh data dir with the built CLI and measures its memory. */
export function measureIndexMemory(folder: string, env: Record<string, string> = {}, cli = join(repo, 'out', 'main', 'cli.js'), sampleMs = 100): Promise<MemoryRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'semnote-memory-'))
  const started = Date.now()
  const load: [number, number] = [loadavg()[0]!, 0]
  const child = spawn(process.execPath, [cli, '--data-dir', dataDir, 'index', resolve(folder)], {
    cwd: repo,
    env: { ...process.env, LANCEDB_LOG: 'error', SEMNOTE_MEMORY_TRACE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const pid = child.pid!
  let peak = 0
  let cpu = 0
  let output = ''
  const phases: PhasePeak[] = [{ phase: 'start', startMb: 0, peakMb: 0, heapMb: 0 }]
  let highest = 0
  let atPeak = { anonymousMb: 0, fileMb: 0 }
  let peakPhase = 'start'
  const sample = () => {
    const now = residentMb(pid)
    if (!now) return
    if (now.hwm > peak) peakPhase = phases[phases.length - 1]!.phase
    peak = Math.max(peak, now.hwm)
    if (now.rss > highest) {
      highest = now.rss
      atPeak = residentSplit(pid) ?? atPeak
    }
    const current = phases[phases.length - 1]!
    current.peakMb = Math.max(current.peakMb, now.rss)
    cpu = cpuSeconds(pid) ?? cpu
  }
  const timer = setInterval(sample, sampleMs)
  let pendingErr = ''
  child.stderr.on('data', (data: Buffer) => {
    pendingErr += data.toString()
    const lines = pendingErr.split('\n')
    pendingErr = lines.pop()!
    for (const line of lines) {
      const mark = /^\[memory\] \d+ (.*) rss=(\d+) heap=(\d+)/.exec(line)
      if (!mark) {
        output += line + '\n'
        continue
      }
      sample()
      const rss = Number(mark[2])
      phases[phases.length - 1]!.peakMb = Math.max(phases[phases.length - 1]!.peakMb, rss)
      phases.push({ phase: mark[1]!, startMb: rss, peakMb: rss, heapMb: Number(mark[3]) })
    }
  })
  child.stdout.on('data', (data: Buffer) => (output += data.toString()))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('exit', (code) => {
      clearInterval(timer)
      load[1] = loadavg()[0]!
      rmSync(dataDir, { recursive: true, force: true })
      done({ peakMb: Math.round(peak), peakPhase, seconds: Math.round((Date.now() - started) / 1000), cpuSeconds: Math.round(cpu), load, exitCode: code, atPeak, phases, output })
    })
  })
}

/** Phases folded by name (the repeated ones: writes, embeds, upkeeps), each with its highest peak and how often it ran. */
export function phaseSummary(phases: PhasePeak[]): string[] {
  const byName = new Map<string, { peak: number; count: number; first: number }>()
  for (const { phase, startMb, peakMb } of phases) {
    const name = phase.replace(/\d+/g, 'N')
    const entry = byName.get(name) ?? { peak: 0, count: 0, first: startMb }
    entry.peak = Math.max(entry.peak, peakMb)
    entry.count++
    byName.set(name, entry)
  }
  return [...byName].map(([name, e]) => `${String(Math.round(e.peak)).padStart(6)} MB peak  ${String(Math.round(e.first)).padStart(6)} MB at first start  x${e.count}  ${name}`)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--env' && args[i - 1] !== '--cli' && args[i - 1] !== '--sample-ms')
  if (!folder) throw new Error('usage: memory-peak.ts <folder> [--env NAME=VALUE]... [--phases]')
  const env = Object.fromEntries(args.flatMap((a, i) => (args[i - 1] === '--env' ? [a.split(/=(.*)/s).slice(0, 2) as [string, string]] : [])))
  const cli = args.includes('--cli') ? resolve(args[args.indexOf('--cli') + 1]!) : undefined
  const sampleMs = args.includes('--sample-ms') ? Number(args[args.indexOf('--sample-ms') + 1]) : 100
  const run = await measureIndexMemory(folder, env, cli, sampleMs)
  console.log(run.output.trim())
  console.log(`peak RSS ${run.peakMb} MB (at the highest sample: ${run.atPeak.anonymousMb} MB anonymous, ${run.atPeak.fileMb} MB mapped files), ${run.seconds} s wall, ${run.cpuSeconds} s CPU, load ${run.load.map((l) => l.toFixed(2)).join(' -> ')}, exit ${run.exitCode}`)
  console.log(`high-water mark last rose in: ${run.peakPhase}`)
  for (const line of phaseSummary(run.phases)) console.log(line)
  if (args.includes('--phases')) for (const p of run.phases) console.log(`  ${p.startMb} -> ${Math.round(p.peakMb)}  heap ${p.heapMb}  ${p.phase}`)
}

if (require.main === module) void main()
