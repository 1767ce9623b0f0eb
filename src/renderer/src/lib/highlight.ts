// Passage text split into plain and highlighted segments from HighlightRange offsets (rendered as text nodes, never HTML).
import type { HighlightRange } from '../../../shared/types'

export type SegmentKind = 'plain' | 'term' | 'sentence'

export interface Segment {
  text: string
  kind: SegmentKind
}

/**
 * Cuts `text` at every range boundary. A character inside a `term` range is a term,
 * else inside a `sentence` range a sentence, else plain. Ranges are clamped to the text;
 * empty, reversed or non-numeric ranges are ignored. Adjacent segments of one kind merge.
 */
export function splitByHighlights(text: string, ranges: readonly HighlightRange[]): Segment[] {
  const valid = ranges
    .map((r) => ({ start: Math.max(0, Math.floor(r.start)), end: Math.min(text.length, Math.floor(r.end)), kind: r.kind }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
  const cuts = new Set<number>([0, text.length])
  for (const r of valid) {
    cuts.add(r.start)
    cuts.add(r.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]]
    const covering = valid.filter((r) => r.start <= from && r.end >= to)
    const kind: SegmentKind = covering.some((r) => r.kind === 'term') ? 'term' : covering.length ? 'sentence' : 'plain'
    const last = segments[segments.length - 1]
    if (last && last.kind === kind) last.text += text.slice(from, to)
    else segments.push({ text: text.slice(from, to), kind })
  }
  return segments
}
