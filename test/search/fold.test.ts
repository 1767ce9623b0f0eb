// The relevance fold's cut on fused scores: relative to the best note and to the query's background, on the first page.
import { describe, expect, it } from 'vitest'
import { FOLD_WINDOW, strongCount } from '../../src/main/engine/search/fold'

/** Scores of `page` notes followed by `rest` background candidates at `level`, sorted best first. */
const withBackground = (page: number[], rest: number, level: number) => [...page, ...Array.from({ length: rest }, (_, i) => level - i * 0.01)]

describe('strongCount', () => {
  it('one note far above the rest stands alone; notes close to the best stay with it', () => {
    expect(strongCount(withBackground([9, 1.2, 1.1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4], 40, -0.3))).toBe(1)
    expect(strongCount(withBackground([5, 4.8, 4.5, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0], 40, -0.3))).toBe(3)
  })

  it('measures evidence from the background of the candidates past the first page, not from zero', () => {
    // 1.8 is 0.24 of the best above zero, but 0.38 of it above a background near -1.7: it stays above the fold.
    const scores = withBackground([7.5, 1.8, 0.2, 0.1, 0, -0.1, -0.2, -0.3, -0.4, -0.5], 40, -1.5)
    expect(strongCount(scores)).toBe(2)
    // The same page over a background at the page's own level keeps only the best.
    expect(strongCount(withBackground([7.5, 1.8, 0.2, 0.1, 0, -0.1, -0.2, -0.3, -0.4, -0.5], 40, 0))).toBe(1)
  })

  it('reads no fixed score: shifting and scaling every score keeps the cut', () => {
    const scores = withBackground([6, 3.1, 2.2, 1.4, 1, 0.8, 0.5, 0.4, 0.2, 0.1], 60, -0.8)
    const count = strongCount(scores)
    expect(count).toBe(4)
    expect(strongCount(scores.map((s) => 0.01 * s + 0.5))).toBe(count)
    expect(strongCount(scores.map((s) => 40 * s - 12))).toBe(count)
  })

  it('never reaches past the first page; when nothing stands out, the whole page is strong', () => {
    const flat = Array.from({ length: 50 }, () => 1)
    expect(strongCount(flat)).toBe(FOLD_WINDOW)
    const descending = Array.from({ length: 50 }, (_, i) => 50 - i * 0.01)
    expect(strongCount(descending)).toBe(FOLD_WINDOW)
  })

  it('with every candidate on the first page, the background is their mean', () => {
    expect(strongCount([3, 1, -1.2, -1.3, -1.5])).toBe(2)
    expect(strongCount([])).toBe(0)
    expect(strongCount([2])).toBe(1)
    expect(strongCount([Number.NaN, 4, 1.5, Number.NEGATIVE_INFINITY, -5.5])).toBe(2)
  })
})
