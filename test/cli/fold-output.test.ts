// How `semnote search` and `related` print the relevance fold: strong matches, one separator line, everything with --all.
import { describe, expect, it } from 'vitest'
import { foldLine, formatHits } from '../../src/main/cli/commands/search'
import type { NoteHit } from '../../src/shared/types'

const hit = (name: string, strong: boolean): NoteHit => ({
  path: `/notes/${name}.md`,
  root: '/notes',
  title: name,
  ext: 'md',
  mtime: 0,
  size: 1,
  score: strong ? 1 : 0.2,
  strong,
  reasons: ['translated', 'semantic'],
  passage: { chunkId: `${name}#0`, text: `${name} text`, heading: '', lineStart: 3, lineEnd: 4, highlights: [] },
  morePassages: []
})

describe('CLI fold output', () => {
  it('prints the strong matches and one line standing for the weaker ones; --all prints every hit and no line', () => {
    const hits = [hit('lisbon', true), hit('porto', true), hit('bread', false), hit('plants', false), hit('kyoto', false)]
    const folded = formatHits(hits, false)
    expect(folded).toHaveLength(3)
    expect(folded[0]).toMatch(/^ 1\. 1\.00 {2}\/notes\/lisbon\.md:3 {2}"lisbon" {2}\[translated\+semantic\]\n/)
    expect(folded[2]).toBe(foldLine(3))
    expect(foldLine(3)).toBe('    ---- 3 weaker matches (--all shows them) ----')
    expect(foldLine(1)).toBe('    ---- 1 weaker match (--all shows them) ----')
    const all = formatHits(hits, true)
    expect(all).toHaveLength(5)
    expect(all.join('\n')).not.toMatch(/weaker/)
    expect(formatHits([hit('only', true)], false)).toHaveLength(1)
  })
})
