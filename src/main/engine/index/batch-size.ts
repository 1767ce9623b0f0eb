// How many chunks the indexer gathers across files per embed call and commit: fixed, or about a second of embedding.

/** Each commit costs tens of ms; a crash loses at most one batch. Batches hold about this much embedding work. */
const COMMIT_SECONDS = 1
const MIN_BATCH_CHUNKS = 32
const MAX_BATCH_CHUNKS = 1024

/** Chunks per batch: fixed when given, else sized to the embedder's measured speed (smoothed, 32 to 1024). */
export class BatchSize {
  private chunks: number
  private readonly adaptive: boolean

  constructor(fixed: number | undefined) {
    this.chunks = fixed ?? MIN_BATCH_CHUNKS
    this.adaptive = fixed === undefined
  }

  get value(): number {
    return this.chunks
  }

  /** Sizes the next batch to about COMMIT_SECONDS of embedding at the speed just measured (a batch under half full tells nothing). */
  measured(chunks: number, elapsedMs: number): void {
    if (!this.adaptive || chunks < this.chunks / 2) return
    const target = (chunks / Math.max(elapsedMs, 1)) * 1000 * COMMIT_SECONDS
    const smoothed = (this.chunks + target) / 2
    this.chunks = Math.round(Math.min(MAX_BATCH_CHUNKS, Math.max(MIN_BATCH_CHUNKS, smoothed)))
  }
}
