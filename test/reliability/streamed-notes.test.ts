// Large text notes are prepared and written a segment at a time (issue 19.13, bounded memory): the stored passages of a
// streamed note have its whole-note title, tags, lines and headings; a small note's rows are those of the whole-note path;
// a crash between streamed parts is repaired; a note given up mid-way is skipped and loses nothing else.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { DEFAULT_PREPARE_LIMITS } from '../../src/main/engine/facade/prepare-pool'
import { STREAMED_NOTE_PART_CHUNKS } from '../../src/main/engine/index/indexer'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { tempFolders } from '../engine/helpers'
import { getTinyPack } from '../helpers/test-model'
import { bigNote, expectRepaired, indexFolder, killAfterPart, PART_CHUNKS, tableFiles, type PartsInternals } from './note-parts'

const temp = tempFolders()
afterAll(() => temp.cleanup())

const MODELS = resolve(__dirname, '..', '..', 'resources', 'models')
const LITE = 'semnote-lite-multi'

/** Notes past 8 KB stream in segments of 3,000+ characters (the defaults are MBs and 64 K characters). */
const SEGMENTS = { afterBytes: 8_000, segmentChars: 3_000 }

/** About 150 tokens of varied words: each section is a passage or two of its own. */
function paragraph(i: number): string {
  return Array.from({ length: 12 }, (_, k) => `Sentence ${k} of part ${i} tells of river${(i + k) % 17} and mountain${(i * k) % 11}.`).join(' ')
}

/** A handbook in chapters: front matter tags and an alias, a title heading, and an inline tag first seen near its end. */
function handbook(sections: number): string {
  const lines = ['---', 'tags: [manual]', 'aliases: [Big Handbook]', '---', '', '# The Handbook', '', 'Opening words of the handbook.', '']
  for (let i = 0; i < sections; i++) {
    if (i % 20 === 0) lines.push(`## Chapter ${i / 20}`, '')
    lines.push(`### Section ${i}`, '', `Paragraph ${i}: ${paragraph(i)}`, '')
    if (i === sections - 2) lines.push('A late remark tagged #lateTag about the zanzibarquill.', '')
  }
  return lines.join('\n')
}

async function indexWith(dataDir: string, root: string, internals: PartsInternals, modelDirs = [MODELS]): Promise<void> {
  const engine = await Engine.open({ dataDir, modelDirs, modelId: LITE, watch: false, threads: 1 }, internals)
  try {
    await engine.call('addRoots', { paths: [root] })
    await engine.whenIdle()
    const report = await engine.check()
    expect(report.problems).toEqual([])
  } finally {
    await engine.close()
  }
}

async function rowsOf(dataDir: string, path: string) {
  const manifest = JSON.parse(readFileSync(join(MODELS, LITE, 'semnote-pack.json'), 'utf8')) as { id: string; dimension: number }
  const store = await ChunkStore.open(dataDir, { modelId: manifest.id, dimension: manifest.dimension })
  try {
    return await store.rowsOf(path, false)
  } finally {
    await store.close()
  }
}

describe('large text notes streamed a segment at a time', () => {
  it('stores the whole note’s title, tags, lines and headings, the same rows on every run, and small notes unchanged', async () => {
    const root = temp.make('stream-root')
    const note = join(root, 'handbook.md')
    const text = handbook(120)
    writeFileSync(note, text)
    const log = join(root, 'log.txt')
    writeFileSync(log, Array.from({ length: 1000 }, (_, i) => `Log entry ${i} from the harbour${i % 9}: ${paragraph(i).slice(0, 120)}\nSecond line of entry ${i}.`).join('\n\n'))
    const small = join(root, 'small.md')
    writeFileSync(small, '# Small\n\nA small note about the lighthouse keeper.\n')
    const streamed = { segments: SEGMENTS, notePartChunks: PART_CHUNKS }
    const [first, again, whole] = [temp.make('stream-data'), temp.make('stream-again'), temp.make('stream-whole')]
    await indexWith(first, root, streamed)

    const rows = await rowsOf(first, note)
    expect(rows.length).toBeGreaterThan(4 * PART_CHUNKS)
    expect(rows.map((row) => row.ordinal)).toEqual(rows.map((_, i) => i))
    const lines = text.split('\n')
    let headed = 0
    for (const row of rows) {
      expect([row.title, row.lang, row.tags, row.aliases]).toEqual(['The Handbook', 'en', ['manual', 'lateTag'], ['Big Handbook']])
      const firstLine = row.text.split('\n')[0]!
      expect(lines[row.lineStart - 1], `line ${row.lineStart}`).toContain(firstLine.slice(0, 30))
      expect(lines.slice(row.lineStart - 1, row.lineEnd).join('\n')).toContain(row.text.split('\n').pop()!.slice(0, 30))
      const section = /^Section (\d+)\n/.exec(row.text)
      if (section) {
        headed++
        expect(row.heading).toBe(`The Handbook > Chapter ${Math.floor(Number(section[1]) / 20)} > Section ${section[1]}`)
      }
    }
    expect(headed).toBeGreaterThan(60)
    const logRows = await rowsOf(first, log)
    expect(logRows.length).toBeGreaterThan(PART_CHUNKS)
    const logLines = readFileSync(log, 'utf8').split('\n')
    for (const row of logRows) expect(logLines[row.lineStart - 1]).toContain(row.text.split('\n')[0])

    // Found by a word of its last segment, at the right line, by keyword and by meaning.
    const engine = await Engine.open({ dataDir: first, modelDirs: [MODELS], modelId: LITE, watch: false }, { resumeIndexing: false })
    try {
      for (const mode of ['keyword', 'hybrid'] as const) {
        const hit = (await engine.call('search', { query: 'zanzibarquill', mode })).hits[0]
        expect(hit?.path, mode).toBe(note)
        const remark = lines.findIndex((line) => line.includes('zanzibarquill')) + 1
        expect(remark).toBeGreaterThanOrEqual(hit!.passage.lineStart)
        expect(remark).toBeLessThanOrEqual(hit!.passage.lineEnd)
      }
    } finally {
      await engine.close()
    }

    // The same files give the same rows again; the small note's rows are those of the whole-note path.
    await indexWith(again, root, streamed)
    await indexWith(whole, root, { notePartChunks: PART_CHUNKS })
    const ids = async (dataDir: string) => new Map([...(await tableFiles(dataDir, join(MODELS, LITE))).files].map(([path, file]) => [path, file.chunkIds]))
    const [idsFirst, idsAgain, idsWhole] = [await ids(first), await ids(again), await ids(whole)]
    expect(idsAgain).toEqual(idsFirst)
    expect(idsFirst.get(small)).toEqual(idsWhole.get(small))
    expect(idsFirst.get(note)).not.toEqual(idsWhole.get(note)) // it was streamed: its passages differ at segment cuts
  }, 240_000)

  it('repairs a new streamed note killed between two of its parts', async () => {
    const pack = await getTinyPack()
    const root = temp.make('stream-kill')
    writeFileSync(join(root, 'big.md'), bigNote(1, 200))
    writeFileSync(join(root, 'small.md'), '# Small\n\nA small note beside the big one.\n')
    const dataDir = temp.make('stream-kill-data')
    const internals = { notePartChunks: PART_CHUNKS, segments: SEGMENTS }
    const output = await killAfterPart(dataDir, root, pack, 2, internals)
    expect(output).not.toContain('done')
    const partial = (await tableFiles(dataDir, pack)).files.get(join(root, 'big.md'))
    expect(partial?.chunkIds.length, 'two parts were committed before the kill').toBe(2 * PART_CHUNKS)
    expect(partial?.damaged, 'its first part is held back to the end').toBe(true)
    await expectRepaired(dataDir, root, pack, temp.make('stream-kill-clean'), internals)
  }, 180_000)

  it('repairs a replaced streamed note killed between two of its parts', async () => {
    const pack = await getTinyPack()
    const root = temp.make('stream-replace')
    const big = join(root, 'big.md')
    writeFileSync(big, bigNote(1, 150))
    const dataDir = temp.make('stream-replace-data')
    const internals = { notePartChunks: PART_CHUNKS, segments: SEGMENTS }
    await indexFolder(dataDir, root, pack, internals)
    writeFileSync(big, bigNote(2, 200))
    expect(await killAfterPart(dataDir, root, pack, 3, internals)).not.toContain('done')
    expect((await tableFiles(dataDir, pack)).files.get(big)?.damaged, 'rows of both versions after the kill').toBe(true)
    await expectRepaired(dataDir, root, pack, temp.make('stream-replace-clean'), internals)
  }, 180_000)

  it('writes a streamed note in parts of at most STREAMED_NOTE_PART_CHUNKS chunks, whatever the part size of other notes', async () => {
    const pack = await getTinyPack()
    const root = temp.make('stream-part-size')
    const note = join(root, 'big.md')
    writeFileSync(note, bigNote(1, 8_000))
    const dataDir = temp.make('stream-part-size-data')
    let parts = 0
    const engine = await Engine.open({ dataDir, modelDirs: [pack], watch: false, threads: 1 }, { segments: SEGMENTS, afterNotePart: () => void parts++ })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
    } finally {
      await engine.close()
    }
    const chunks = (await tableFiles(dataDir, pack)).files.get(note)!.chunkIds.length
    expect(chunks).toBeGreaterThan(STREAMED_NOTE_PART_CHUNKS)
    expect(parts).toBe(Math.ceil(chunks / STREAMED_NOTE_PART_CHUNKS))
  }, 180_000)

  it('skips a streamed note given up at its time limit mid-way, keeping the other notes', async () => {
    const pack = await getTinyPack()
    const root = temp.make('stream-limit')
    const big = join(root, 'big.md')
    // About 5 MB: about 30 s of CPU time to read in all (2-core machine), far past a 6 s limit; its head (a first pass of
    // about 1.3 s) and its first part (256 passages by 2 s) come well before. A 1.5 s limit had left no time for a part.
    writeFileSync(big, bigNote(1, 60_000))
    writeFileSync(join(root, 'small.md'), '# Small\n\nA small note beside the big one.\n')
    const dataDir = temp.make('stream-limit-data')
    let parts = 0
    const engine = await Engine.open(
      { dataDir, modelDirs: [pack], watch: false, threads: 1 },
      { notePartChunks: 256, prepareLimits: { ...DEFAULT_PREPARE_LIMITS, timeoutMs: 6000 }, afterNotePart: () => void parts++ }
    )
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenIdle()
      const status = await engine.call('status', undefined)
      expect(status.skipped.map((s) => [s.path, s.reason, s.detail])).toEqual([[big, 'limit', 'took more than 6 s of work to read']])
      expect(parts, 'parts were written before the limit').toBeGreaterThan(0)
      const report = await engine.check()
      expect(report.problems).toEqual([])
      expect([report.filesOnDisk, report.filesInIndex]).toEqual([2, 1])
    } finally {
      await engine.close()
    }
    const { files } = await tableFiles(dataDir, pack)
    expect([...files.keys()]).toEqual([join(root, 'small.md')])
  }, 180_000)
})
