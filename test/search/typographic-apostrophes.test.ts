// Notes written with typographic apostrophes (Apple’s, as word processors and phones write it) are found by their words, whichever apostrophe the query types.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { withStraightApostrophes } from '../../src/main/engine/store/apostrophes'
import type { NoteHit } from '../../src/shared/types'
import { openIndexed, tempFolders } from '../engine/helpers'

const PACK_DIR = resolve(__dirname, '../../resources/models/semnote-lite-multi')

/** One note writes the word only with a typographic apostrophe; another writes it plainly (so no misspelling retry runs). */
const NOTES: Record<string, string> = {
  'launch.md': '# Launch\n\nApple’s new laptop runs longer than last year’s model. Its ‘battery saver’ mode dims the screen.\n',
  'orchard.md': '# Orchard\n\nWe picked apples in the orchard on Sunday and baked two pies with them.\n',
  'potassium.md': '# Bananas\n\nBananas are rich in potassium and make a quick breakfast before a run.\n',
  'report.md': '---\naliases: ["O’Neill report"]\n---\n# Quarterly figures\n\nSales of the northern stores rose in spring.\n',
  'letters.md': "# Letters\n\nA letter from O'Neill about the harbour arrived on Monday.\n"
}

const temp = tempFolders()
let engine: Engine
let folder: string

beforeAll(async () => {
  folder = temp.make('apostrophe-notes')
  mkdirSync(folder, { recursive: true })
  for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(folder, name), text)
  engine = await openIndexed({ dataDir: temp.make('apostrophe-data'), modelDirs: [PACK_DIR], modelId: 'semnote-lite-multi' }, [folder])
}, 120_000)

afterAll(async () => {
  await engine?.close()
  temp.cleanup()
})

async function keywordHits(query: string): Promise<NoteHit[]> {
  return (await engine.call('search', { query, mode: 'keyword', limit: 10 })).hits
}

const names = (hits: NoteHit[]) => hits.map((hit) => hit.path.slice(folder.length + 1)).sort()

describe('typographic apostrophes', () => {
  it('finds a note that writes a word only as Apple’s by the word, and marks it', async () => {
    const hits = await keywordHits('apple')
    expect(names(hits)).toEqual(['launch.md', 'orchard.md'])
    const launch = hits.find((hit) => hit.path.endsWith('launch.md'))!
    expect(launch.passage.highlights.map((range) => launch.passage.text.slice(range.start, range.end))).toContain('Apple')
  })

  it('reads a query typed with either apostrophe the same way', async () => {
    expect(names(await keywordHits('Apple’s'))).toEqual(['launch.md', 'orchard.md'])
    expect(names(await keywordHits("Apple's"))).toEqual(['launch.md', 'orchard.md'])
  })

  it('reads aliases the same way', async () => {
    expect(names(await keywordHits("O'Neill"))).toEqual(['letters.md', 'report.md'])
  })

  it('leaves quotation marks as written', async () => {
    const [hit] = await keywordHits('battery saver')
    expect(hit!.passage.text).toContain('‘battery saver’')
  })
})

describe('typographic apostrophes in a note prepared a segment at a time', () => {
  it('are read the same way in its title and text', async () => {
    const root = temp.make('apostrophe-streamed')
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Part ${i}: the ferry’s timetable changes in winter, and the harbour’s office keeps the old one.`)
    writeFileSync(join(root, 'handbook.md'), `# Margaret’s handbook\n\n${paragraphs.join('\n\n')}\n`)
    // Notes past 2 KB stream in segments of 1,000+ characters (the defaults are MBs).
    const streamed = await Engine.open({ dataDir: temp.make('apostrophe-streamed-data'), modelDirs: [PACK_DIR], modelId: 'semnote-lite-multi', watch: false }, { segments: { afterBytes: 2_000, segmentChars: 1_000 } })
    try {
      await streamed.call('addRoots', { paths: [root] })
      await streamed.whenSettled()
      const [hit] = (await streamed.call('search', { query: "margaret's ferry's", mode: 'keyword', limit: 5 })).hits
      expect(hit!.title).toBe("Margaret's handbook")
      expect(hit!.passage.text).toContain("ferry's timetable")
    } finally {
      await streamed.close()
    }
  })
})

describe('withStraightApostrophes', () => {
  it('writes apostrophes inside words straight, keeping the length, and leaves quotation marks', () => {
    const text = 'Apple’s ‘best’ year’s 90’s мʼясо’'
    expect(withStraightApostrophes(text)).toBe("Apple's ‘best’ year's 90's м'ясо’")
    expect(withStraightApostrophes(text)).toHaveLength(text.length)
  })
})
