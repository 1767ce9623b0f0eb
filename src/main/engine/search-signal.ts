// Searches in flight in this process, shared with worker threads: background work (indexing, the map) steps aside while one runs.

/** Longest one wait for searches to settle lasts: a stream of searches slows background work but cannot stall it. */
const MAX_WAIT_MS = 1000

/**
 * [searches running, when the last one ended (ms after clockBase)] in a SharedArrayBuffer: the engine thread writes it
 * (whileSearching), worker threads read it with Atomics (see search-pause.ts) and wake when slot 0 changes.
 */
export class SearchSignal {
  readonly view = new Int32Array(new SharedArrayBuffer(8))
  readonly clockBase = Date.now()

  constructor() {
    // No search has ended yet: long ago.
    Atomics.store(this.view, 1, -1_000_000)
  }

  /** What a worker thread needs to follow the signal (see SearchPause). */
  get shared(): SharedSearchSignal {
    return { searching: this.view.buffer as SharedArrayBuffer, clockBase: this.clockBase }
  }

  /** Runs `work` (a search) marked as running, so background work steps aside until it ends. */
  async whileSearching<T>(work: () => Promise<T>): Promise<T> {
    Atomics.add(this.view, 0, 1)
    try {
      return await work()
    } finally {
      Atomics.store(this.view, 1, Date.now() - this.clockBase)
      Atomics.sub(this.view, 0, 1)
      Atomics.notify(this.view, 0)
    }
  }

  /**
   * Resolves once no search runs (at the next turn of the event loop at the soonest), or after MAX_WAIT_MS. Searches run
   * on this thread, so polling between turns is enough (Atomics.wait would block them).
   */
  async settled(maxWaitMs = MAX_WAIT_MS): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    const start = performance.now()
    while (Atomics.load(this.view, 0) > 0 && performance.now() - start < maxWaitMs) await new Promise<void>((resolve) => setTimeout(resolve, 2))
  }
}

/** The signal as handed to a worker thread in its workerData. */
export interface SharedSearchSignal {
  searching: SharedArrayBuffer
  clockBase: number
}

/** The process's searches (engines in one process share the cores, so they share this). */
export const searchSignal = new SearchSignal()
