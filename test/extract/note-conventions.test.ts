// Conventions of note apps in Markdown: wiki links and embeds read as their visible words, #tags and front matter tags,
// aliases; on real notes through the Markdown extractor.
import { describe, expect, it } from 'vitest'
import { extractBytes, type ExtractedDoc } from '../../src/main/engine/extract'
import { inlineTags, replaceWikiLinks, uniqueTags } from '../../src/main/engine/extract/note-conventions'

async function note(text: string): Promise<ExtractedDoc> {
  const result = await extractBytes('/notes/note.md', Buffer.from(text))
  if (!result.ok) throw new Error(result.detail)
  return result.doc
}

describe('wiki links and embeds', () => {
  it.each([
    ['See [[Kansai Pass]] first', 'See Kansai Pass first'],
    ['See [[Kansai Pass|the pass]] first', 'See the pass first'],
    ['![[Kyoto trip]] below', 'Kyoto trip below'],
    ['![[photos/maple tree.png]]', 'maple tree'],
    ['[[Travel#Packing list]] and [[Travel#^block-1|that item]]', 'Travel > Packing list and that item'],
    ['[[Diary^a1b2c3]]', 'Diary'],
    ['No [link] here, nor [[]]', 'No [link] here, nor [[]]']
  ])('%j reads as %j', (source, shown) => {
    expect(replaceWikiLinks(source)).toBe(shown)
  })

  it('leaves no brackets in the passages of a note', async () => {
    const doc = await note('# Trip\n\nBook [[Ryokan Sakura|the ryokan]] early and read ![[Kyoto guide]].\n\n- [[Packing list]]\n')
    expect(doc.text).toBe('Trip\n\nBook the ryokan early and read Kyoto guide.\n\nPacking list')
    expect(doc.text).not.toMatch(/\[\[|\]\]/)
  })
})

describe('tags', () => {
  it('finds #tags and nested #area/sub tags, not headings, numbers, anchors or code', () => {
    expect(inlineTags('Plan #travel and #area/sub-topic, see issue #123 and page.html#anchor')).toEqual(['travel', 'area/sub-topic'])
    expect(inlineTags('中文标签 #旅行 和 #日本/京都')).toEqual(['旅行', '日本/京都'])
    expect(inlineTags('Logseq: #[[deep work]]')).toEqual(['deep work'])
  })

  it('makes front matter tags and inline tags the note\'s tags, first spelling kept, case-insensitively unique', async () => {
    const doc = await note('---\ntags: [Travel, "#japan"]\n---\n# Kyoto #travel\n\nMaples in #autumn and #japan/kyoto. `#not-a-tag` in code.\n\n```\n#also-code\n```\n')
    expect(doc.tags).toEqual(['Travel', 'japan', 'autumn', 'japan/kyoto'])
    expect(uniqueTags(['a', 'A', '#b', ' '], ['b'])).toEqual(['a', 'b'])
  })

  it('reads tags from a comma-separated front matter string and from Hugo TOML', async () => {
    expect((await note('---\ntags: work, ideas\n---\nText\n')).tags).toEqual(['work', 'ideas'])
    expect((await note('+++\ntags = ["hugo", "web"]\n+++\nText\n')).tags).toEqual(['hugo', 'web'])
  })
})

describe('aliases', () => {
  it('reads aliases: (list or one string) and alias:, kept apart from the title', async () => {
    const listed = await note('---\ntitle: Kyoto\naliases: [京都, "Old capital"]\n---\nText\n')
    expect(listed.title).toBe('Kyoto')
    expect(listed.aliases).toEqual(['京都', 'Old capital'])
    expect((await note('---\nalias: Kansai\n---\nText\n')).aliases).toEqual(['Kansai'])
  })
})
