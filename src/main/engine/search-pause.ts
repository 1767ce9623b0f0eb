// A worker thread's side of the search signal (search-signal.ts): blocks between units of background work while a search runs.
import type { SharedSearchSignal } from './search-signal'

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
