// The bench's split of indexing CPU by OS thread: /proc readings grouped by thread name.
import { describe, expect, it } from 'vitest'
import { groupThreadTimes, threadTimes } from '../../src/main/cli/thread-cpu'

describe('thread CPU by name', () => {
  it.runIf(process.platform === 'linux')('reads every thread of this process, this one included, with growing CPU time', () => {
    const before = threadTimes()!
    let spin = 0
    for (let i = 0; i < 2e7; i++) spin += i % 7
    const after = threadTimes()!
    expect(spin).toBeGreaterThan(0)
    expect(after.has(process.pid)).toBe(true)
    expect(after.get(process.pid)!.ms).toBeGreaterThan(before.get(process.pid)!.ms)
  })

  it('groups the time threads used between two readings by their names, leaving the engine thread out', () => {
    const reading = (entries: [number, string, number][]) => new Map(entries.map(([tid, name, ms]) => [tid, { name, ms }]))
    const before = reading([[process.pid, 'MainThread', 100], [2, 'tokio-rt-worker', 10], [3, 'V8Worker', 5], [4, 'WorkerThread', 50]])
    const after = reading([
      [process.pid, 'MainThread', 900],
      [2, 'tokio-rt-worker', 30],
      [3, 'V8Worker', 8],
      [4, 'WorkerThread', 80],
      [5, 'lance-cpu', 7],
      [6, 'libuv-worker', 2],
      [7, 'WorkerThread', 4],
      [8, 'SignalInspector', 1]
    ])
    expect(groupThreadTimes(before, after)).toEqual({ lancedb: 27, v8Helpers: 3, libuv: 2, workerThreads: 34, rest: 1 })
  })
})
