// Chunking of real extracted files: token budget with context, heading awareness, paragraph/sentence/CJK/hard splits,
// overlap, line maps back to the source, and the real tiny model's token counter.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractFile, type ExtractedDoc } from '../../src/main/engine/extract'
import { chunkDocument, chunkId, type ChunkOptions, type DocChunk } from '../../src/main/engine/chunk'
import { Embedder } from '../../src/main/engine/model/embedder'
import { getTinyPack } from '../helpers/test-model'

/** Deterministic counter: each CJK character, Latin word or punctuation mark is a token, plus 2 special tokens. */
const countTokens = (text: string) => (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length + 2

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'semnote-chunk-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function extracted(name: string, content: string): Promise<ExtractedDoc> {
  const path = join(dir, name)
  await writeFile(path, content)
  const result = await extractFile(path)
  if (!result.ok) throw new Error(`${result.reason}: ${result.detail}`)
  return result.doc
}

/** Seeded word source, so documents are varied but the same on every run. */
function wordSource(seed: number) {
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vo', 'ne', 'gri', 'pa', 'dos', 'le']
  let state = seed
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32)
  const word = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * syllables.length)]).join('')
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, word).join(' ')
    return `${text[0].toUpperCase()}${text.slice(1)}.`
  }
  return { word, sentence, random }
}

/** Each chunk is within budget by the real count, and every word of its text is on its source lines. */
function expectSound(chunks: DocChunk[], source: string, options: ChunkOptions) {
  const lines = source.split('\n')
  const problems: string[] = []
  chunks.forEach((chunk, index) => {
    const problem = (what: string) => problems.push(`chunk ${index} (lines ${chunk.lineStart}-${chunk.lineEnd}): ${what}`)
    if (chunk.ordinal !== index) problem(`ordinal ${chunk.ordinal}`)
    if (chunk.tokens !== options.countTokens(chunk.embedText)) problem(`tokens ${chunk.tokens} is not the real count`)
    if (chunk.tokens > (options.maxTokens ?? 256)) problem(`${chunk.tokens} tokens`)
    if (!chunk.embedText.endsWith(chunk.text)) problem('embedText does not end with text')
    if (chunk.lineStart > chunk.lineEnd) problem('lines reversed')
    const range = lines.slice(chunk.lineStart - 1, chunk.lineEnd).join('\n')
    for (const word of chunk.text.match(/[\p{L}\p{N}]+/gu) ?? []) if (!range.includes(word)) problem(`"${word}" not on its lines`)
    const firstWord = chunk.text.match(/[\p{L}\p{N}]+/u)?.[0]
    const lastWord = chunk.text.match(/[\p{L}\p{N}]+(?=[^\p{L}\p{N}]*$)/u)?.[0]
    if (firstWord && !lines[chunk.lineStart - 1].includes(firstWord)) problem(`first word "${firstWord}" not on lineStart`)
    if (lastWord && !lines[chunk.lineEnd - 1].includes(lastWord)) problem(`last word "${lastWord}" not on lineEnd`)
  })
  expect(problems).toEqual([])
}

/** Every word occurrence of the document text appears at least as often across the chunks. */
function expectCovered(chunks: DocChunk[], doc: ExtractedDoc) {
  const tally = (text: string, sign: number, counts: Map<string, number>) => {
    for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + sign)
  }
  const counts = new Map<string, number>()
  tally(doc.text, 1, counts)
  for (const chunk of chunks) tally(chunk.text, -1, counts)
  expect([...counts].filter(([, left]) => left > 0)).toEqual([])
}

describe('chunkDocument', () => {
  it('keeps top-level sections apart, merges small subsections, and labels chunks with their heading path', async () => {
    const words = wordSource(7)
    const para = (count: number) => Array.from({ length: count }, () => words.sentence(8)).join(' ')
    const source = [
      '# Handbook', '', para(2), '',
      '## Alpha', '', para(3), '', '### Alpha one', '', para(1), '', '### Alpha two', '', para(1), '',
      '## Beta', '', para(2), '', para(2), '', para(2), '', para(2), '', para(2), '', para(2), '', para(2), '',
      '## Gamma', '', para(3), ''
    ].join('\n')
    const doc = await extracted('handbook.md', source)
    const options = { maxTokens: 96, overlapTokens: 8, countTokens }
    const chunks = chunkDocument(doc, options)
    expectSound(chunks, source, options)
    expectCovered(chunks, doc)
    const lines = source.split('\n')
    const topHeadings = lines.map((line, index) => (line.startsWith('## ') ? index + 1 : 0)).filter(Boolean)
    for (const chunk of chunks) {
      const crossed = topHeadings.filter((line) => line > chunk.lineStart && line <= chunk.lineEnd)
      expect(crossed, `chunk ${chunk.ordinal} "${chunk.heading}"`).toEqual([])
    }
    const alphaSubsections = chunks.find((chunk) => chunk.text.includes('Alpha one') && chunk.text.includes('Alpha two'))
    expect(alphaSubsections?.heading).toBe('Handbook > Alpha')
    expect(chunks.filter((chunk) => chunk.heading === 'Handbook > Beta').length).toBeGreaterThan(1)
    expect(chunks.map((chunk) => chunk.heading)).toContain('Handbook > Gamma')
    const gamma = chunks.find((chunk) => chunk.heading === 'Handbook > Gamma')!
    expect(gamma.embedText.startsWith('Handbook\nAlpha')).toBe(false)
    expect(gamma.embedText.startsWith('Handbook\nGamma\n\n')).toBe(true)
  })

  it('splits a long section at paragraph ends when paragraphs fit', async () => {
    const words = wordSource(11)
    const paragraphs = Array.from({ length: 12 }, () => `${words.sentence(6)} ${words.sentence(7)}`)
    const source = `# Notes\n\n${paragraphs.join('\n\n')}\n`
    const doc = await extracted('paragraphs.md', source)
    const options = { maxTokens: 64, overlapTokens: 0, countTokens }
    const chunks = chunkDocument(doc, options)
    expectSound(chunks, source, options)
    expect(chunks.length).toBeGreaterThan(2)
    for (const chunk of chunks) {
      const body = chunk.text.replace(/^Notes\n\n/, '')
      expect(body.split('\n\n').every((part) => paragraphs.includes(part)), body).toBe(true)
    }
    expect(chunks.map((chunk) => chunk.text.replace(/^Notes\n\n/, '')).join('\n\n')).toBe(paragraphs.join('\n\n'))
  })

  it('splits long paragraphs at sentence ends, CJK 。！？ included, and overlaps neighbours by whole sentences', async () => {
    const words = wordSource(3)
    const english = Array.from({ length: 14 }, () => words.sentence(9)).join(' ')
    const cjkSentences = ['東京は雨でしたが夜には晴れました。', '明日は京都へ行きます！', '紅葉はもう始まっていますか？', '我们在上海吃了小笼包。', '天气很好，我们去公园散步。']
    const chinese = Array.from({ length: 4 }, () => cjkSentences).flat().join('')
    const source = `English prose:\n\n${english}\n\n${chinese}\n`
    const doc = await extracted('sentences.txt', source)
    const options = { maxTokens: 48, overlapTokens: 12, countTokens }
    const chunks = chunkDocument(doc, options)
    expectSound(chunks, source, options)
    expectCovered(chunks, doc)
    const ends = chunks.map((chunk) => chunk.text.slice(-1))
    expect(ends.every((end) => ['.', '。', '！', '？', ':'].includes(end)), ends.join(' ')).toBe(true)
    const cjkChunks = chunks.filter((chunk) => /[東明紅我天]/.test(chunk.text))
    expect(cjkChunks.length).toBeGreaterThan(2)
    const sentences = [...cjkSentences, ...english.split(/(?<=\.) /)]
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1].text
      const current = chunks[i].text
      // The chunk starts with text that ends the previous chunk: whole sentences when one fits in 12 tokens.
      let overlap = ''
      for (let length = Math.min(previous.length, current.length); length > 0 && !overlap; length--) {
        if (current.startsWith(previous.slice(-length))) overlap = previous.slice(-length)
      }
      expect(overlap, `chunk ${i}`).not.toBe('')
      expect(countTokens(overlap) - 2).toBeLessThanOrEqual(12)
      const lastSentence = sentences.find((sentence) => previous.endsWith(sentence))
      if (lastSentence && countTokens(lastSentence) - 2 <= 12) expect(sentences.some((sentence) => overlap.startsWith(sentence)), overlap).toBe(true)
    }
  })

  it('hard-splits text without any boundary and loses nothing', async () => {
    const han = '春夏秋冬山川草木日月星辰'
    const words = wordSource(5)
    const blob = Array.from({ length: 3000 }, () => han[Math.floor(words.random() * han.length)]).join('')
    const doc = await extracted('blob.txt', blob)
    const options = { maxTokens: 40, overlapTokens: 0, countTokens }
    const chunks = chunkDocument(doc, options)
    expectSound(chunks, blob, options)
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(blob)
    expect(Math.min(...chunks.slice(0, -1).map((chunk) => chunk.tokens))).toBeGreaterThan(32)
  })

  it('never cuts inside an emoji sequence or an accented letter', async () => {
    const pieces = ['👩‍👩‍👧', '👍🏽', 'e\u0301\u0302', '🇯🇵', '語']
    const words = wordSource(8)
    const blob = Array.from({ length: 1500 }, () => pieces[Math.floor(words.random() * pieces.length)]).join('')
    const doc = await extracted('emoji.txt', blob)
    const chunks = chunkDocument(doc, { maxTokens: 24, overlapTokens: 4, countTokens: (text) => [...text].length + 2 })
    const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' })
    const whole = new Set([...graphemes.segment(doc.text)].map((part) => part.segment))
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(24)
      const broken = [...graphemes.segment(chunk.text)].map((part) => part.segment).filter((part) => !whole.has(part))
      expect(broken, `chunk ${chunk.ordinal}`).toEqual([])
    }
  })

  it('caps a long title and heading path so the text keeps most of the budget', async () => {
    const title = Array.from({ length: 200 }, (_, index) => `word${index}`).join(' ')
    const source = `---\ntitle: ${title}\n---\n## ${'Heading '.repeat(100)}\n\nShort body text.\n`
    const doc = await extracted('long-title.md', source)
    const options = { maxTokens: 64, countTokens }
    const chunks = chunkDocument(doc, options)
    expectSound(chunks, source, options)
    expectCovered(chunks, doc)
    expect(chunks[chunks.length - 1].text.endsWith('\n\nShort body text.')).toBe(true)
    for (const chunk of chunks) {
      const context = chunk.embedText.slice(0, chunk.embedText.length - chunk.text.length)
      expect(countTokens(context) - 2).toBeLessThanOrEqual(16)
      expect(context.startsWith('word0 word1')).toBe(true)
      expect(chunk.heading).toMatch(/^(Heading ){20,}.*…$/)
    }
  })

  it('gives a note without text one title chunk, and a lone heading its own chunk', async () => {
    const frontMatterOnly = await extracted('only-meta.md', '---\ntitle: Just metadata\n---\n')
    expect(chunkDocument(frontMatterOnly, { countTokens })).toEqual([
      { ordinal: 0, heading: '', text: '', embedText: 'Just metadata', context: 'Just metadata', start: 0, end: 0, lineStart: 1, lineEnd: 1, tokens: countTokens('Just metadata') }
    ])
    const outline = await extracted('outline.md', '# Plan\n\n## Later\n')
    const chunks = chunkDocument(outline, { countTokens })
    expect(chunks.map((chunk) => [chunk.text, chunk.heading, chunk.lineStart, chunk.lineEnd])).toEqual([['Plan\n\nLater', 'Plan > Later', 1, 3]])
  })

  it('is deterministic and rejects a budget too small to hold anything', async () => {
    const doc = await extracted('again.md', '# A\n\nSome text here. And more.\n')
    expect(chunkDocument(doc, { countTokens, maxTokens: 16 })).toEqual(chunkDocument(doc, { countTokens, maxTokens: 16 }))
    expect(() => chunkDocument(doc, { countTokens, maxTokens: 4 })).toThrow(RangeError)
  })

  it('chunks a 1 MB note within budget, with sound line maps', async () => {
    const words = wordSource(42)
    const parts: string[] = []
    let size = 0
    for (let section = 0; size < 1_000_000; section++) {
      const part = section % 10 === 0 ? `## Part ${section}\n\n${words.sentence(12)}` : section % 7 === 0 ? `${words.sentence(5)}\n${'东京大阪京都奈良。'.repeat(40)}` : Array.from({ length: 6 }, () => words.sentence(14)).join(' ')
      parts.push(part)
      size += part.length + 2
    }
    const source = parts.join('\n\n')
    const doc = await extracted('big.md', source)
    const options = { countTokens }
    const chunks = chunkDocument(doc, options)
    expect(chunks.length).toBeGreaterThan(1000)
    expectSound(chunks, source, options)
    expectCovered(chunks, doc)
  })
})

describe('chunkDocument on degenerate input', () => {
  it('handles a 300 KB single line, 30k short lines and 300k spaces with bounded chunks', async () => {
    const words = wordSource(21)
    const oneLine = Array.from({ length: 50_000 }, words.word).join(' ')
    const shortLines = Array.from({ length: 30_000 }, (_, index) => `row ${index}`).join('\n')
    const spaces = `left${' '.repeat(300_000)}right`
    for (const [name, source] of [['one-line.txt', oneLine], ['short-lines.txt', shortLines], ['spaces.md', spaces]]) {
      const doc = await extracted(name, source)
      const options = { maxTokens: 128, countTokens }
      const chunks = chunkDocument(doc, options)
      expectSound(chunks, source, options)
      expectCovered(chunks, doc)
      expect(Math.max(...chunks.map((chunk) => chunk.text.length)), name).toBeLessThanOrEqual(128 * 12)
    }
  })
})

describe('chunkId', () => {
  it('is a stable 32-hex hash of path, ordinal and text', () => {
    const id = chunkId('/notes/a.md', 3, 'text')
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    expect(chunkId('/notes/a.md', 3, 'text')).toBe(id)
    const variants = [chunkId('/notes/b.md', 3, 'text'), chunkId('/notes/a.md', 4, 'text'), chunkId('/notes/a.md', 3, 'text!'), chunkId('/notes/a.md3', 0, 'text')]
    expect(new Set([id, ...variants]).size).toBe(5)
  })
})

describe('with the tiny model tokenizer', () => {
  let embedder: Embedder

  beforeAll(async () => {
    embedder = await Embedder.create(await getTinyPack(), { threads: 1 })
  })

  afterAll(async () => {
    await embedder?.dispose()
  })

  it('keeps every chunk within the model count, prefix and special tokens included', async () => {
    const words = wordSource(9)
    const source = [
      '# 旅行メモ', '', '京都の紅葉は十一月が見頃です。嵐山と東福寺を回りました。', '',
      '## English part', '', Array.from({ length: 30 }, () => words.sentence(10)).join(' '), '',
      '## 中文部分', '', '我们在上海吃了小笼包。'.repeat(30), ''
    ].join('\n')
    const doc = await extracted('multilingual.md', source)
    const options = { maxTokens: 48, overlapTokens: 8, countTokens: (text: string) => embedder.countTokens(text) }
    const chunks = chunkDocument(doc, options)
    expect(chunks.length).toBeGreaterThan(3)
    expectSound(chunks, source, options)
    expectCovered(chunks, doc)
    const vectors = await embedder.embedPassages(chunks.map((chunk) => chunk.embedText))
    expect(vectors.map((vector) => vector.length)).toEqual(chunks.map(() => embedder.dimension))
    const full = chunkDocument(doc, { maxTokens: embedder.maxTokens, countTokens: (text: string) => embedder.countTokens(text) })
    for (const chunk of full) expect(embedder.countTokens(chunk.embedText)).toBeLessThanOrEqual(embedder.maxTokens)
  })
})
