// CPU time of every OS thread of this process by thread name (Linux /proc/self/task), so the bench can tell what the
// "other" threads of indexing are: LanceDB's, V8's helpers (GC, compiler), libuv's pool, the worker threads.
import { readdirSync, readFileSync } from 'node:fs'

/** On-CPU ms of each live thread of this process, by thread id, with its name; null where /proc is not there. */
export function threadTimes(): Map<number, { name: string; ms: number }> | null {
  let tids: string[]
  try {
    tids = readdirSync('/proc/self/task')
  } catch {
    return null
  }
  const times = new Map<number, { name: string; ms: number }>()
  for (const tid of tids) {
    try {
      const name = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()
      // schedstat's first field: time on a CPU, ns (finer than stat's clock ticks).
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0])
      if (Number.isFinite(ns)) times.set(Number(tid), { name, ms: ns / 1e6 })
    } catch {
      // the thread ended meanwhile
    }
  }
  return times
}

/** CPU ms between two readings of threadTimes, by group: LanceDB (tokio and lance threads), V8 helpers, libuv pool, JS worker threads. */
export interface ThreadGroups {
  lancedb: number
  v8Helpers: number
  libuv: number
  /** Every JS worker thread (prepare workers, model worker, file reader). */
  workerThreads: number
  /** Threads of other names (and threads that ended during the span are not counted). */
  rest: number
}

export function groupThreadTimes(before: Map<number, { name: string; ms: number }>, after: Map<number, { name: string; ms: number }>): ThreadGroups {
  const groups: ThreadGroups = { lancedb: 0, v8Helpers: 0, libuv: 0, workerThreads: 0, rest: 0 }
  for (const [tid, { name, ms }] of after) {
    if (tid === process.pid) continue // the engine thread is measured on its own
    const used = ms - (before.get(tid)?.ms ?? 0)
    if (/^tokio|^lance/.test(name)) groups.lancedb += used
    else if (/^V8/.test(name)) groups.v8Helpers += used
    else if (/^libuv/.test(name)) groups.libuv += used
    else if (name === 'WorkerThread') groups.workerThreads += used
    else groups.rest += used
  }
  return groups
}
