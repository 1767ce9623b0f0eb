// A long Markdown note is parsed a segment at a time (bounded parser memory, issue 19.13) into the same blocks as whole.
import { describe, expect, it } from 'vitest'
import { markdownSegments, parseMarkdown } from '../../src/main/engine/extract/markdown'

/** A note with every block kind, a fence holding a heading-like line, and headings at several levels, repeated. */
function longNote(sections: number): string {
  const parts = ['---', 'title: Long note', 'tags: [big]', '---', '', '# Long note', '']
  for (let i = 0; i < sections; i++) {
    parts.push(`## Section ${i}`, '', `Paragraph ${i} with a [link](https://example.org/${i}) and #tag${i % 5}.`, 'Second line of it.', '')
    parts.push(`- item ${i}`, '  - nested', '- [x] done', '', `> quote ${i}`, '', '```', `# not a heading ${i}`, 'code', '```', '')
    parts.push('| a | b |', '|---|---|', `| ${i} | x |`, '', `### Sub ${i}`, '', 'Text under the sub-heading.', '')
  }
  return parts.join('\n')
}

describe('Markdown in segments', () => {
  it('gives the same blocks, lines, title and tags as parsing the note whole', () => {
    const text = longNote(400)
    const segments = markdownSegments(text, 4096)
    expect(segments.length).toBeGreaterThan(10)
    for (const [start] of segments.slice(1)) expect(text.slice(start, start + 4)).toMatch(/^#{2,3} /)
    expect(parseMarkdown(text, 4096)).toEqual(parseMarkdown(text, Infinity))
  })

  it('never cuts inside fenced code', () => {
    const fenced = ['# Top', '', '```', ...Array.from({ length: 2000 }, (_, i) => (i % 10 === 0 ? '' : i % 10 === 1 ? `# line ${i}` : `code ${i}`)), '```', '', '# After', '', 'text']
    const text = fenced.join('\n')
    const segments = markdownSegments(text, 1024)
    expect(segments.map(([start]) => text.slice(start, start + 7))).toEqual(['# Top\n\n', '# After'])
    expect(parseMarkdown(text, 1024)).toEqual(parseMarkdown(text, Infinity))
  })
})
