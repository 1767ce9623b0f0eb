// Searches in flight in this process, shared with worker threads: background work (indexing, the map) steps aside while one runs.

/** Longest one wait for searches to settle lasts: a stream of searches slows background work but cannot stall it. */
const MAX_WAIT_MS = 1000

/**
 * After a search ends, background work stays aside this long: searches come in bursts while a person types, and work
 * started between two of them runs into the next (a commit of indexed passages takes 30-90 ms of the same cores).
 * Pausing only while a search ran left searches during indexing and during a map layout 1.6-1.8x slower at p95.
 */
export const SEARCH_BURST_LINGER_MS = 150

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
   * Resolves once no search runs and none ended in the last SEARCH_BURST_LINGER_MS (at the next turn of the event loop at
   * the soonest), or after MAX_WAIT_MS. Searches run on this thread, so polling between turns is enough (Atomics.wait
   * would block them).
   */
  async settled(maxWaitMs = MAX_WAIT_MS): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve))
    const start = performance.now()
    while (this.busy() && performance.now() - start < maxWaitMs) await new Promise<void>((resolve) => setTimeout(resolve, 2))
  }

  /** A search runs, or one ended less than SEARCH_BURST_LINGER_MS ago. */
  private busy(): boolean {
    return Atomics.load(this.view, 0) > 0 || Date.now() - this.clockBase - Atomics.load(this.view, 1) < SEARCH_BURST_LINGER_MS
  }
}

/** The signal as handed to a worker thread in its workerData. */
export interface SharedSearchSignal {
  searching: SharedArrayBuffer
  clockBase: number
}

/** The process's searches (engines in one process share the cores, so they share this). */
export const searchSignal = new SearchSignal()
