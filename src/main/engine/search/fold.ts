// The relevance fold: how many of a query's best notes are strong matches, read from the fused scores of that query alone.

/** Candidates that can be strong: the first page of results (the notes a list shows before any scrolling or paging). */
export const FOLD_WINDOW = 10

/**
 * A note is strong when its fused evidence above the query's background is at least this share of the best note's. The
 * background is the average candidate that did not reach the first page, so the cut follows each query's own spread of
 * matches and non-matches: one note far above the rest stands alone; notes close to the best stay with it.
 */
export const FOLD_SHARE = 0.3

/**
 * Number of notes above the fold for fused scores of all of a query's candidates, sorted best first (0 for none).
 * Relative to the best score and to this query's background (the mean score of the candidates past the first page; the
 * candidates' mean, 0 for standardized scores, when they all fit on it), never a fixed one. When even the best note is
 * no better than the background, nothing stands out: no fold on the first page.
 */
export function strongCount(scores: readonly number[]): number {
  const finite = scores.filter((s) => Number.isFinite(s))
  const window = finite.slice(0, FOLD_WINDOW)
  if (window.length === 0) return 0
  const background = meanOf(finite.slice(FOLD_WINDOW)) ?? meanOf(finite)!
  const best = window[0]!
  if (best <= background) return window.length
  return window.filter((s) => s - background >= FOLD_SHARE * (best - background)).length
}

function meanOf(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length
}
