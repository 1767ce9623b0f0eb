// Extraction of Markdown, plain text and HTML from real files: titles, tags, stripped markup, line maps, registry.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractFile, registerExtractor, supportedExtensions, textExtractor, type DocBlock, type ExtractedDoc } from '../../src/main/engine/extract'
import { parsePlainText } from '../../src/main/engine/extract/plain-text'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semnote-extract-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function extract(name: string, content: string | Uint8Array): Promise<ExtractedDoc> {
  const path = join(dir, name)
  await writeFile(path, content)
  const result = await extractFile(path)
  if (!result.ok) throw new Error(`expected a document, got ${result.reason}: ${result.detail}`)
  return result.doc
}

/** Every word of every text line of the block occurs on the source line the block maps it to. */
function expectLinesMapped(block: DocBlock, sourceLines: string[]): void {
  const textLines = block.text.split('\n')
  expect(block.lines).toHaveLength(textLines.length)
  textLines.forEach((textLine, index) => {
    const source = sourceLines[block.lines[index] - 1] ?? ''
    for (const word of textLine.match(/[\p{L}\p{N}]+/gu) ?? []) expect(source, `"${word}" of "${textLine}"`).toContain(word)
  })
  expect(block.lineStart).toBeLessThanOrEqual(block.lines[0])
  expect(block.lineEnd).toBeGreaterThanOrEqual(block.lines[block.lines.length - 1])
}

const markdownNote = `---
title: Kyoto in autumn
tags: [travel, "#japan", travel]
lang: en
---
# Planning

Book the **ryokan** early, see [the guide](https://example.com/guide) and ![a maple tree](maple.png).
Trains run <em>often</em> from Osaka; see [[Kansai Pass|the pass]].

## Temples

- Kinkaku-ji opens at nine
- [x] Fushimi Inari
  stays open all night

> A quote about moss gardens

\`\`\`python
def fare(days):
    return days * 2
\`\`\`

| Day | Place |
|-----|-------|
| Mon | Arashiyama |

<div>
<script>alert("never shown")</script>
<p>Embedded html paragraph</p>
</div>

### Food
Yudofu near Nanzen-ji.
`

describe('markdown', () => {
  it('reads front matter, strips markup and keeps code, links, alt text and table cells as text', async () => {
    const doc = await extract('kyoto.md', markdownNote)
    expect(doc.title).toBe('Kyoto in autumn')
    expect(doc.titleSource).toBe('front-matter')
    expect(doc.tags).toEqual(['travel', 'japan'])
    expect(doc.lang).toBe('en')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.lineCount).toBe(markdownNote.split('\n').length - 1)
    expect(doc.text).toContain('Book the ryokan early, see the guide and a maple tree.')
    expect(doc.text).toContain('Trains run often from Osaka; see the pass.')
    expect(doc.text).toContain('def fare(days):\n    return days * 2')
    expect(doc.text).toContain('Mon | Arashiyama')
    expect(doc.text).toContain('Embedded html paragraph')
    expect(doc.text).toContain('Kinkaku-ji opens at nine\nFushimi Inari\nstays open all night')
    for (const markup of ['**', '](', '<em>', '<script', 'alert', 'never shown', '```', '---', 'title:', '[[', '[x]']) expect(doc.text).not.toContain(markup)
  })

  it('maps every block line to its source line and builds heading paths and sections', async () => {
    const doc = await extract('kyoto-lines.md', markdownNote)
    const source = markdownNote.split('\n')
    for (const block of doc.blocks) expectLinesMapped(block, source)
    const headings = doc.blocks.filter((block) => block.kind === 'heading')
    expect(headings.map((block) => [block.text, block.level, block.lineStart])).toEqual([
      ['Planning', 1, 6],
      ['Temples', 2, 11],
      ['Food', 3, 33]
    ])
    const food = doc.blocks.find((block) => block.text.startsWith('Yudofu'))!
    expect(food.headingPath).toEqual(['Planning', 'Temples', 'Food'])
    const code = doc.blocks.find((block) => block.kind === 'code')!
    expect([code.lineStart, code.lineEnd, ...code.lines]).toEqual([19, 22, 20, 21])
    expect(doc.sections.map((section) => [section.headingPath.join(' > '), section.lineStart, section.lineEnd])).toEqual([
      ['Planning', 6, 9],
      ['Planning > Temples', 11, 30],
      ['Planning > Temples > Food', 33, 34]
    ])
    expect(doc.text).toBe(doc.blocks.map((block) => block.text).join('\n\n'))
  })

  it('takes the title from the first H1, then the file name; bad YAML is a warning, not a failure', async () => {
    const fromHeading = await extract('heading.md', '---\ntitle: [unclosed\n---\nIntro\n\n# The Real Title\n\nBody\n')
    expect(fromHeading.title).toBe('The Real Title')
    expect(fromHeading.titleSource).toBe('heading')
    expect(fromHeading.warnings.join()).toMatch(/front matter is not valid YAML/)
    expect(fromHeading.text).not.toContain('unclosed')
    const fromName = await extract('Meeting notes 2024.md', '## Only a second-level heading\n\ntext\n')
    expect(fromName.title).toBe('Meeting notes 2024')
    expect(fromName.titleSource).toBe('file-name')
  })

  it('reads Hugo-style TOML front matter', async () => {
    const doc = await extract('hugo.md', '+++\ntitle = "Hugo \\"post\\""\ntags = ["go", \'static\'] # comment\ndraft = true\n[params]\nsubtitle = "x"\n+++\n\nBody text\n')
    expect([doc.title, doc.titleSource, doc.tags]).toEqual(['Hugo "post"', 'front-matter', ['go', 'static']])
    expect(doc.text).toBe('Body text')
    expect(doc.blocks[0].lines).toEqual([9])
  })

  it('accepts tags as a comma-separated string, keeps deeply nested text and maps CRLF files', async () => {
    const doc = await extract('nested.md', '---\r\ntags: "a, #b c"\r\n---\r\n' + '> '.repeat(300) + 'deep\r\n\r\n# H\r\nend\r\n')
    expect(doc.tags).toEqual(['a', 'b', 'c'])
    expect(doc.text).toContain('deep')
    const end = doc.blocks.find((block) => block.text === 'end')!
    expect(end.lines).toEqual([7])
  })

  it('reads quotes nested to just under the nesting cap (500 levels) as a quote, and a note that reaches it as plain text with every word', async () => {
    // The paragraph inside 498 quotes opens at level 498; inside 499 at 499, the last level markdown-it opens before it drops.
    const under = await extract('under.md', `${'> '.repeat(498)}deepest words\n\nafter\n`)
    expect([under.blocks.map((block) => block.kind), under.warnings]).toEqual([['quote', 'paragraph'], []])
    const at = await extract('at.md', `${'> '.repeat(499)}deepest words\n\nafter\n`)
    expect(at.text).toContain('deepest words')
    expect(at.text).toContain('after')
    expect(at.warnings).toEqual(['Markdown nested too deeply to parse; indexed as plain text'])
  })

  it('falls back to plain text when nesting overflows the parser', async () => {
    const doc = await extract('abyss.md', `# Abyss\n\n${'- '.repeat(5_000)}bottom\n`)
    expect(doc.text).toContain('bottom')
    expect(doc.warnings.join()).toMatch(/nested too deeply/)
  })
})

describe('plain text', () => {
  it('turns blank-line separated paragraphs into blocks with exact lines', async () => {
    const content = 'First paragraph line one\nline two\n\n\n   \nSecond paragraph\n'
    const doc = await extract('plain.txt', content)
    expect(doc.blocks.map((block) => [block.text, block.lines])).toEqual([
      ['First paragraph line one\nline two', [1, 2]],
      ['Second paragraph', [6]]
    ])
    expect(doc.title).toBe('plain')
    expect(doc.sections).toHaveLength(1)
    expect(parsePlainText('').blocks).toEqual([])
  })
})

describe('html', () => {
  const page = `<!doctype html>
<html lang="ja">
<head><title>  Tea &amp; Sweets </title>
<style>body { color: red }</style>
<script>document.write("tracking")</script>
</head>
<body>
<h1>Matcha</h1>
<p>Whisk the tea &lt;gently&gt;
until it foams.<br>Serve with wagashi.</p>
<noscript>Enable JavaScript</noscript>
<h2>History</h2>
<ul><li>Tea came from China</li><li>Uji is famous</li></ul>
<pre>
  code   keeps   spaces
</pre>
<img src="x.png" alt="a tea bowl">
</body></html>
`

  it('keeps the title, headings and text, drops scripts and styles, decodes entities and maps lines', async () => {
    const doc = await extract('tea.html', page)
    expect(doc.title).toBe('Tea & Sweets')
    expect(doc.titleSource).toBe('front-matter')
    expect(doc.lang).toBe('ja')
    for (const hidden of ['color: red', 'tracking', 'Enable JavaScript', 'doctype']) expect(doc.text).not.toContain(hidden)
    expect(doc.text).toContain('Whisk the tea <gently>\nuntil it foams.\nServe with wagashi.')
    expect(doc.text).toContain('Tea came from China\nUji is famous')
    expect(doc.text).toContain('  code   keeps   spaces')
    expect(doc.text).toContain('a tea bowl')
    const whisk = doc.blocks.find((block) => block.text.startsWith('Whisk'))!
    expect(whisk.lines).toEqual([9, 10, 10])
    expect(whisk.headingPath).toEqual(['Matcha'])
    const list = doc.blocks.find((block) => block.kind === 'list')!
    expect(list.headingPath).toEqual(['Matcha', 'History'])
    for (const block of doc.blocks) expectLinesMapped(block, page.split('\n'))
  })

  it('falls back to the first h1 when there is no <title>, and copes with broken markup', async () => {
    const doc = await extract('broken.htm', '<svg><title>icon</title></svg><h1>Broken <b>page</h1><p>unclosed <div>text & more <script>x()')
    expect(doc.title).toBe('Broken page')
    expect(doc.text).not.toContain('icon')
    expect(doc.text).toContain('text & more')
    expect(doc.text).not.toContain('x()')
  })
})

describe('registry', () => {
  it('lists the built-in extensions and skips others as unsupported', async () => {
    expect(supportedExtensions()).toEqual(expect.arrayContaining(['md', 'markdown', 'txt', 'html', 'htm']))
    await writeFile(join(dir, 'photo.jpg'), 'x')
    expect(await extractFile(join(dir, 'photo.jpg'))).toMatchObject({ ok: false, reason: 'unsupported-type' })
    expect(await extractFile(join(dir, 'README'))).toMatchObject({ ok: false, reason: 'unsupported-type' })
  })

  it('lets a new file type plug in', async () => {
    registerExtractor(
      textExtractor('org', ['org'], (text) => {
        const doc = parsePlainText(text.replace(/^\*+ /gm, ''))
        return { ...doc, title: /^#\+TITLE: (.*)$/m.exec(text)?.[1] }
      })
    )
    expect(supportedExtensions()).toContain('org')
    const doc = await extract('agenda.ORG', '#+TITLE: Agenda\n* Call Bob\n')
    expect(doc.title).toBe('Agenda')
    expect(doc.ext).toBe('org')
    expect(doc.text).toContain('Call Bob')
  })
})
