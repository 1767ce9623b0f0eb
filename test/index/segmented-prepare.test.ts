// A large text note prepared a segment at a time (issue 19.13) against the same note prepared whole, with the lite pack's
// tokenizer: the same facts (title, language, tags from the whole note), and the same passages except at segment cuts.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { guessLanguage } from '../../src/main/engine/extract/lang'
import { createPrepare } from '../../src/main/engine/facade/pipeline'
import { prepareInSegments, preparesInSegments, type NoteBytes } from '../../src/main/engine/facade/segmented-prepare'
import type { NoteStep, PreparedChunk } from '../../src/main/engine/index/ports'
import { loadPack } from '../../src/main/engine/model/pack'
import { PassageEncoder } from '../../src/main/engine/model/passage-encoder'
import { createTokenizer } from '../../src/main/engine/model/tokenizer'

const LITE = resolve(__dirname, '..', '..', 'resources', 'models', 'semnote-lite-multi')

async function liteEncoder(): Promise<PassageEncoder> {
  const pack = await loadPack(LITE)
  return new PassageEncoder(await createTokenizer(pack), pack.manifest.passagePrefix, pack.manifest.maxTokens)
}

/** About 150 tokens of varied words: a section of it is a passage of its own (sections too long to merge). */
function paragraph(i: number): string {
  return Array.from({ length: 12 }, (_, k) => `Sentence ${k} of part ${i} tells of river${(i + k) % 17} and mountain${(i * k) % 11}.`).join(' ')
}

/** A Markdown note of `sections` sections in chapters of 40, with a tag first seen near its end. */
function bigMarkdown(sections: number): string {
  const lines = ['---', 'tags: [manual]', 'aliases: [Big Handbook]', '---', '', '# The Handbook', '', 'Opening words of the handbook.', '']
  for (let i = 0; i < sections; i++) {
    if (i % 40 === 0) lines.push(`## Chapter ${i / 40}`, '')
    lines.push(`### Section ${i}`, '', `Paragraph ${i}: ${paragraph(i)}`, '')
    if (i % 5 === 0) lines.push('```', `code line ${i}`, '', '# not a heading inside a fence', '```', '')
    if (i === sections - 3) lines.push('A late remark tagged #lateTag here.', '')
  }
  return lines.join('\n')
}

/** Every step of a streamed note: its head, its chunks in order, and a failure if one came. */
function drain(steps: Generator<NoteStep>): { head?: Extract<NoteStep, { kind: 'head' }>; chunks: PreparedChunk[]; failed?: NoteStep } {
  const out: ReturnType<typeof drain> = { chunks: [] }
  for (const step of steps) {
    if (step.kind === 'head') out.head = step
    else if (step.kind === 'chunks') out.chunks.push(...step.chunks)
    else out.failed = step
  }
  return out
}

describe('notes prepared a segment at a time', () => {
  it('streams only large Markdown and plain-text notes', () => {
    const options = { afterBytes: 1000, segmentChars: 500 }
    expect(preparesInSegments('/r/a.md', 1001, options)).toBe(true)
    expect(preparesInSegments('/r/a.txt', 1001, options)).toBe(true)
    expect(preparesInSegments('/r/a.md', 1000, options)).toBe(false)
    expect(preparesInSegments('/r/a.html', 5000, options)).toBe(false)
    expect(preparesInSegments('/r/a.pdf', 5000, options)).toBe(false)
  })

  it('gives the whole-note passages when the note is one segment', async () => {
    const passages = await liteEncoder()
    const bytes = Buffer.from(bigMarkdown(120))
    const whole = await createPrepare(256, passages)('/notes/handbook.md', bytes)
    if (!whole.ok) throw new Error(whole.detail)
    const streamed = drain(prepareInSegments('/notes/handbook.md', { bytes }, 256, passages, Number.MAX_SAFE_INTEGER))
    expect(streamed.failed).toBeUndefined()
    expect(streamed.head).toEqual({ kind: 'head', title: whole.title, lang: whole.lang, warnings: whole.warnings })
    expect(streamed.chunks).toEqual(whole.chunks)
  })

  it('lets go of the note\'s bytes once its first step has decoded them', async () => {
    const note: NoteBytes = { bytes: Buffer.from(bigMarkdown(40)) }
    const steps = prepareInSegments('/notes/handbook.md', note, 256, await liteEncoder(), 2_000)
    expect(note.bytes).not.toBeNull()
    expect(steps.next().value).toMatchObject({ kind: 'head' })
    expect(note.bytes).toBeNull()
    expect(drain(steps).chunks.length).toBeGreaterThan(1)
  })

  it('keeps facts, lines and heading paths across segments, and differs only at the cuts', async () => {
    const passages = await liteEncoder()
    const text = bigMarkdown(400)
    const bytes = Buffer.from(text)
    const whole = await createPrepare(256, passages)('/notes/handbook.md', bytes)
    if (!whole.ok) throw new Error(whole.detail)
    const streamed = drain(prepareInSegments('/notes/handbook.md', { bytes }, 256, passages, 20_000))
    const segments = [...prepareInSegments('/notes/handbook.md', { bytes }, 256, passages, 20_000)].filter((step) => step.kind === 'chunks').length
    expect(segments).toBeGreaterThan(5)
    expect(streamed.head).toEqual({ kind: 'head', title: 'The Handbook', lang: 'en', warnings: [] })
    // Tags of the whole note (front matter and an inline tag of the last segment) and aliases ride on every chunk.
    expect(whole.chunks[0]!.tags).toEqual(['manual', 'lateTag'])
    for (const chunk of streamed.chunks) expect([chunk.tags, chunk.aliases]).toEqual([['manual', 'lateTag'], ['Big Handbook']])
    // Every passage's lines hold its text; its heading path is the one of the section it sits in.
    const lines = text.split('\n')
    let headed = 0
    for (const chunk of streamed.chunks) {
      const firstLine = chunk.text.split('\n')[0]!
      expect(lines[chunk.lineStart - 1], `${chunk.lineStart}: ${firstLine}`).toContain(firstLine.slice(0, 20))
      const section = /^Section (\d+)\n/.exec(chunk.text)
      if (section) headed++
      if (section) expect(chunk.heading).toBe(`The Handbook > Chapter ${Math.floor(Number(section[1]) / 40)} > Section ${section[1]}`)
    }
    expect(headed).toBeGreaterThan(10)
    // Passages away from the cuts are the whole-note ones, token ids included.
    const byText = new Map(whole.chunks.map((chunk) => [chunk.embedText, chunk]))
    const same = streamed.chunks.filter((chunk) => {
      const match = byText.get(chunk.embedText)
      return match && match.lineStart === chunk.lineStart && match.heading === chunk.heading && Buffer.from(match.tokenIds!.buffer).equals(Buffer.from(chunk.tokenIds!.buffer))
    })
    expect(streamed.chunks.length).toBeGreaterThanOrEqual(whole.chunks.length - segments)
    expect(same.length).toBeGreaterThanOrEqual(whole.chunks.length - 2 * segments)
    // The same bytes always give the same passages.
    expect(drain(prepareInSegments('/notes/handbook.md', { bytes }, 256, passages, 20_000)).chunks).toEqual(streamed.chunks)
  })

  it('reads plain text in segments cut at blank lines, with absolute lines', async () => {
    const passages = await liteEncoder()
    const paragraphs = Array.from({ length: 300 }, (_, i) => `Plain paragraph ${i} about the harbour${i % 9}.\nIts second line ${i}.`)
    const text = paragraphs.join('\n\n')
    const whole = await createPrepare(256, passages)('/notes/log.txt', Buffer.from(text))
    if (!whole.ok) throw new Error(whole.detail)
    const streamed = drain(prepareInSegments('/notes/log.txt', { bytes: Buffer.from(text) }, 256, passages, 2000))
    expect(streamed.head).toEqual({ kind: 'head', title: whole.title, lang: whole.lang, warnings: whole.warnings })
    const lines = text.split('\n')
    for (const chunk of streamed.chunks) expect(lines[chunk.lineStart - 1]).toBe(chunk.text.split('\n')[0])
    expect(streamed.chunks.map((chunk) => chunk.text).join('\n\n')).toContain('Plain paragraph 299 about')
  })

  it('fails a binary file with the whole-note reason', async () => {
    const bytes = Buffer.alloc(4096, 0)
    const whole = await createPrepare(256)('/notes/bin.md', bytes)
    expect(whole.ok).toBe(false)
    const streamed = drain(prepareInSegments('/notes/bin.md', { bytes }, 256, undefined, 1000))
    expect(streamed.head).toBeUndefined()
    expect(streamed.failed).toEqual({ kind: 'failed', reason: (whole as { reason: string }).reason, detail: (whole as { detail: string }).detail })
  })
})

describe('a streamed note whose function words do not tell its language', () => {
  it('leaves it to the language identifier with a sample of its text (the indexer asks it)', async () => {
    const bytes = Buffer.from(`# Notiz\n\n${'Nachbarn feiern jede Nacht sehr laut. '.repeat(400)}\n`)
    const [head] = prepareInSegments('/notes/notiz.md', { bytes }, 256, undefined, 2_000)
    expect(head).toMatchObject({ kind: 'head', title: 'Notiz', lang: 'und', languageSample: expect.stringContaining('Nachbarn') })
    expect(head!.kind === 'head' && (await guessLanguage(head!.languageSample!))).toBe('de')
    // A note its function words tell has its language at once.
    const [told] = prepareInSegments('/notes/note.md', { bytes: Buffer.from(`# Note\n\n${'The river and the mountain of the north. '.repeat(400)}\n`) }, 256, undefined, 2_000)
    expect(told).toEqual({ kind: 'head', title: 'Note', lang: 'en', warnings: [] })
  })
})
