// withoutHeadingLine: the passage's own heading line dropped (highlights shifted) where the heading is shown apart.
import { describe, expect, it } from 'vitest'
import { withoutHeadingLine } from '../../src/shared/passage'

describe('withoutHeadingLine', () => {
  it('drops the first line when it is the passage heading and shifts highlights', () => {
    const text = 'Noisy neighbours\n\nLoud music at night.'
    const shown = withoutHeadingLine({
      text,
      heading: 'Home > Noisy neighbours',
      highlights: [
        { start: 0, end: 5, kind: 'term' },
        { start: 18, end: 22, kind: 'term' },
        { start: 10, end: 37, kind: 'sentence' }
      ]
    })
    expect(shown.text).toBe('Loud music at night.')
    expect(shown.highlights).toEqual([
      { start: 0, end: 4, kind: 'term' },
      { start: 0, end: 19, kind: 'sentence' }
    ])
    expect(shown.text.slice(0, 4)).toBe('Loud')
  })

  it('keeps the text when the first line is not the heading, there is no heading, or nothing would remain', () => {
    const highlights = [{ start: 0, end: 4, kind: 'term' as const }]
    expect(withoutHeadingLine({ text: 'Intro line\nmore', heading: 'Other', highlights }).text).toBe('Intro line\nmore')
    expect(withoutHeadingLine({ text: 'Intro line\nmore', heading: '', highlights }).text).toBe('Intro line\nmore')
    expect(withoutHeadingLine({ text: 'Only heading\n', heading: 'Only heading', highlights }).text).toBe('Only heading\n')
  })
})
