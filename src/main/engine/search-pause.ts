// A worker thread's side of the search signal (search-signal.ts): blocks between units of background work while a search runs; lowers the thread's priority.
import { setPriority } from 'node:os'
import type { SharedSearchSignal } from './search-signal'

/**
 * Lowers the calling worker thread's CPU priority to `nice` on Linux, where the nice value belongs to the thread, so this
 * thread alone yields the CPU to searches and the user's programs. Elsewhere it would lower the whole process, so there
 * the pauses are all a background thread does; where lowering is not allowed, likewise.
 */
export function lowerThreadPriority(nice: number): void {
  if (process.platform !== 'linux') return
  try {
    setPriority(nice)
  } catch {
    // Not allowed here: the pauses still apply.
  }
}

export interface PauseOptions {
  /** After a search ends, stay paused this long (searches come in bursts while a person types). */
  lingerMs: number
  /** Longest pause at once; then the thread works `workAfterHoldMs` before it steps aside again, so it is slowed, never stalled. */
  maxPauseMs: number
  workAfterHoldMs: number
}

/** Pauses the calling worker thread while the engine runs a search (see pause). */
export class SearchPause {
  private readonly searching: Int32Array
  private readonly clockBase: number
  /** Until then the thread works without stepping aside (its share after being held maxPauseMs). */
  private workUntil = 0

  constructor(shared: SharedSearchSignal) {
    this.searching = new Int32Array(shared.searching)
    this.clockBase = shared.clockBase
  }

  /** Blocks while a search runs and until `lingerMs` after the last one ended (at most `maxPauseMs` at once). */
  pause({ lingerMs, maxPauseMs, workAfterHoldMs }: PauseOptions): void {
    const start = Date.now()
    if (start < this.workUntil) return
    for (;;) {
      const now = Date.now()
      const running = Atomics.load(this.searching, 0)
      const quiet = now - this.clockBase - Atomics.load(this.searching, 1)
      if (running === 0 && quiet >= lingerMs) return
      if (now - start >= maxPauseMs) {
        this.workUntil = now + workAfterHoldMs
        return
      }
      // Wakes early when a search starts or ends (the engine notifies slot 0).
      Atomics.wait(this.searching, 0, running, running > 0 ? 20 : Math.max(1, Math.min(20, lingerMs - quiet)))
    }
  }
}
