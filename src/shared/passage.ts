// Passage display helpers shared by the engine, the CLI and the renderer: the sentence tint added in order, the repeated heading line dropped.
import type { HighlightRange, Passage, TextSpan } from './types'

/** `highlights` with `span` added as the sentence closest in meaning, in start order (a sentence before terms at one start). */
export function withSentence(highlights: readonly HighlightRange[], span: TextSpan): HighlightRange[] {
  return [...highlights, { start: span.start, end: span.end, kind: 'sentence' as const }].sort((a, b) => a.start - b.start || (a.kind === 'sentence' ? -1 : 1))
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
