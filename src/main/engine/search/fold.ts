// The relevance fold: how many of a query's best notes are strong matches, read from the fused scores of that query alone.

/** Candidates looked at (a result page): notes below this many are weak in any case. */
export const FOLD_WINDOW = 20

/**
 * A note is a strong match when its fused evidence is at least this share of the best note's. Fused scores count standard
 * deviations above the average candidate of the query (see fusion.ts), so the cut follows each query's own spread: one
 * note far above the rest stands alone; notes close to the best stay with it. Chosen on the dev sets (issue 14): the
 * largest share that keeps about 98% of the relevant notes of the top 10 above the fold.
 */
export const FOLD_SHARE = 0.3

/**
 * Number of notes above the fold for fused scores sorted best first (0 for none). Relative to the best score, never a
 * fixed one. When even the best note is no better than the average candidate, nothing stands out: no fold in the window.
 */
export function strongCount(scores: readonly number[]): number {
  const window = scores.slice(0, FOLD_WINDOW).filter((s) => Number.isFinite(s))
  if (window.length === 0) return 0
  const best = window[0]!
  if (best <= 0) return window.length
  return window.filter((s) => s >= best * FOLD_SHARE).length
}
