// Passage text for display: its heading line dropped where the heading is shown apart, and plain/highlighted segments
// from HighlightRange offsets (rendered as text nodes, never HTML).
import type { HighlightRange, Passage } from '../../../shared/types'

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

/**
 * The passage without its first line when that line is the passage's own heading (the last part of `heading`, which the
 * result shows above the text), blank lines after it dropped too; highlights are shifted to match (cut where they
 * overlapped the removed part).
 */
export function withoutHeadingLine(passage: Pick<Passage, 'text' | 'heading' | 'highlights'>): { text: string; highlights: HighlightRange[] } {
  const own = passage.heading.split(' > ').at(-1)?.trim() ?? ''
  const firstLine = /^[^\n]*/.exec(passage.text)![0]
  if (own === '' || firstLine.trim() !== own) return { text: passage.text, highlights: [...passage.highlights] }
  const cut = firstLine.length + (/^\s*/.exec(passage.text.slice(firstLine.length))![0].length)
  if (cut >= passage.text.length) return { text: passage.text, highlights: [...passage.highlights] }
  const highlights = passage.highlights
    .filter((range) => range.end > cut)
    .map((range) => ({ ...range, start: Math.max(0, range.start - cut), end: range.end - cut }))
  return { text: passage.text.slice(cut), highlights }
}
