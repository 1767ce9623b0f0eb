// A large text note (Markdown, plain text) prepared a segment at a time: a first pass reads the facts that need the whole
// note, then each segment is turned into blocks, chunks and token ids, so only one segment's worth is ever held.
import { chunkDocument, topLevelOf } from '../chunk/chunker'
import { decodeText } from '../extract'
import { DocBuilder, sectionsOf } from '../extract/doc-builder'
import { baseNameOf, extensionOf, noteAliases, noteTitle } from '../extract/extract'
import { extendLanguageSample, LANGUAGE_SAMPLE_CHARS, languageOfScriptAndWords } from '../extract/lang'
import { NESTED_TOO_DEEPLY, parseMarkdownBody, splitFrontMatter } from '../extract/markdown'
import { inlineTags, uniqueTags } from '../extract/note-conventions'
import { plainTextSegments } from '../extract/plain-text'
import type { DocBlock } from '../extract/types'
import type { NoteStep, PrepareNote, PrepareOrStream } from '../index/ports'
import { unreadable } from '../index/unreadable'
import type { PassageEncoder } from '../model/passage-encoder'
import { estimateTokens, preparedChunk } from './pipeline'

/** When a note is prepared in segments, and how long its segments are. */
export interface SegmentOptions {
  /** Notes of more bytes than this are streamed (default STREAM_AFTER_BYTES). */
  afterBytes: number
  /** Characters per segment, at least (default STREAM_SEGMENT_CHARS; cuts fall at the next safe boundary). */
  segmentChars: number
}

/**
 * Notes above 2 MB are streamed: prepared whole, a 19 MB Markdown note took a prepare worker from 254 to 811 MB of RSS and
 * its chunks (16,000, with text and token ids) were held by the engine until written (issue 19.13). A 2 MB note prepared
 * whole costs a few tens of MB, and smaller notes keep the whole-note path (and exactly its rows).
 */
export const STREAM_AFTER_BYTES = 2 * 1024 * 1024

/**
 * Segments of 64 K characters: each one's parse trees and tokens die young, before V8 moves them to the old generation.
 * Preparing a 19 MB Markdown note (lite pack, one thread) peaked at +280 MB of RSS in 64 K segments, +500 MB in the 512 K
 * segments parseMarkdown uses (V8 let the old generation grow to several times what was live), +600 MB prepared whole.
 */
export const STREAM_SEGMENT_CHARS = 64 * 1024

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = { afterBytes: STREAM_AFTER_BYTES, segmentChars: STREAM_SEGMENT_CHARS }

const MARKDOWN = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn'])
const PLAIN_TEXT = new Set(['txt', 'text'])

/** True for a note prepared in segments: Markdown or plain text of more than `options.afterBytes` bytes. */
export function preparesInSegments(path: string, size: number, options: SegmentOptions = DEFAULT_SEGMENT_OPTIONS): boolean {
  if (size <= options.afterBytes) return false
  const ext = extensionOf(path)
  return MARKDOWN.has(ext) || PLAIN_TEXT.has(ext)
}

/** How a note's body is read (its blocks a segment at a time, each time from the start), and what a first pass found. */
interface SegmentedBody {
  segments(): Generator<DocBlock[]>
  /** Front matter facts (Markdown) and the note's own warnings. */
  title?: string
  tags: string[]
  aliases: string[]
  lang?: string
  warnings: string[]
  /** Levels of its headings in order (sections merge within top-level ones), its first level-1 heading, its text's start. */
  seen: SeenBlocks
}

interface SeenBlocks {
  levels: number[]
  firstH1?: string
  /** The start of the note's text (blocks joined by blank lines), as much as the language guess reads. */
  sample: string
}

/** Adds what the facts need of a segment's blocks to `seen` (and their inline #tags to `tags`, when given). */
function see(blocks: DocBlock[], seen: SeenBlocks, tags?: string[]): void {
  for (const block of blocks) {
    if (block.kind === 'heading') {
      seen.levels.push(block.level ?? 1)
      if (block.level === 1) seen.firstH1 ??= block.text
    }
    seen.sample = extendLanguageSample(seen.sample, block.text)
    if (tags) tags.push(...inlineTags(block.text))
  }
}

/** Plain text's blocks, and the facts pass: only the start of its text is needed. */
function plainBody(text: string, segmentChars: number): SegmentedBody {
  const seen: SeenBlocks = { levels: [], sample: '' }
  for (const blocks of plainTextSegments(text, segmentChars)) {
    see(blocks, seen)
    if (seen.sample.length >= LANGUAGE_SAMPLE_CHARS) break
  }
  return { segments: () => plainTextSegments(text, segmentChars), tags: [], aliases: [], warnings: [], seen }
}

/**
 * Markdown: a first pass parses every segment once, keeping only the facts (inline #tags included) and whether the note
 * parses at all; nested past markdown-it's cap, its body is read as plain text, as parseMarkdown does.
 */
function markdownBody(text: string, segmentChars: number): SegmentedBody {
  const { frontMatter, body } = splitFrontMatter(text)
  const facts = { title: frontMatter.title, aliases: frontMatter.aliases, lang: frontMatter.lang }
  function* segments(tags: string[]): Generator<DocBlock[], boolean> {
    const builder = new DocBuilder()
    const run = parseMarkdownBody(body, builder, tags, segmentChars)
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value
      yield builder.blocks.splice(0)
    }
  }
  const inline: string[] = []
  const seen: SeenBlocks = { levels: [], sample: '' }
  const pass = segments(inline)
  let step = pass.next()
  for (; !step.done; step = pass.next()) see(step.value, seen)
  if (step.value) return { ...facts, segments: () => segments([]), tags: uniqueTags(frontMatter.tags, inline), warnings: frontMatter.warnings, seen }
  const plainSeen: SeenBlocks = { levels: [], sample: '' }
  const plainTags: string[] = []
  for (const blocks of plainTextSegments(body, segmentChars)) see(blocks, plainSeen, plainTags)
  return {
    ...facts,
    segments: () => plainTextSegments(body, segmentChars),
    tags: uniqueTags(frontMatter.tags, plainTags),
    warnings: [...frontMatter.warnings, NESTED_TOO_DEEPLY],
    seen: plainSeen
  }
}

/**
 * A streamed note's bytes, given up once decoded (`bytes` becomes null): a 19 MB note's bytes were otherwise held until
 * its last segment was written, beside its decoded text (issue 19.13).
 */
export interface NoteBytes {
  bytes: Uint8Array | null
}

/** Decodes the note's bytes and drops the holder's reference to them (in a frame of its own: the generator keeps none). */
function decodeAndLetGo(note: NoteBytes): ReturnType<typeof decodeText> {
  const bytes = note.bytes
  if (bytes === null) throw new Error('the note was already read')
  note.bytes = null
  return decodeText(bytes)
}

/**
 * Prepares a Markdown or plain-text note a segment at a time: first its head (title, language, warnings: what the whole note
 * decides, from a pass over its blocks that keeps only those facts), then the chunks of each segment in note order (lines
 * absolute, heading paths carried over; chunk boundaries differ from the whole-note path only at segment cuts), or a step
 * `failed` when the note cannot be read. Tags and aliases ride on every chunk, as in createPrepare. The first step takes
 * the note's bytes from `note`; from then on only its decoded text is held.
 */
export function* prepareInSegments(path: string, note: NoteBytes, maxTokens: number, passages?: PassageEncoder, segmentChars = STREAM_SEGMENT_CHARS): Generator<NoteStep> {
  const decoded = decodeAndLetGo(note)
  if (!decoded.ok) {
    yield { kind: 'failed', reason: decoded.reason, detail: decoded.detail }
    return
  }
  const body = MARKDOWN.has(extensionOf(path)) ? markdownBody(decoded.text, segmentChars) : plainBody(decoded.text, segmentChars)
  const { levels, firstH1, sample } = body.seen
  const title = noteTitle(body.title, firstH1, { path, baseName: baseNameOf(path) })
  const aliases = noteAliases(body.aliases)
  const lang = body.lang ?? languageOfScriptAndWords(sample)
  const warnings = [...decoded.warnings, ...body.warnings]
  yield lang !== null ? { kind: 'head', title, lang, warnings } : { kind: 'head', title, lang: 'und', languageSample: sample, warnings }

  const noteFacts = { ...(body.tags.length ? { tags: body.tags } : {}), ...(aliases.length ? { aliases } : {}) }
  const countTokens = passages ? (text: string) => passages.count(text) : estimateTokens
  const topLevel = topLevelOf(levels)
  let chunksSoFar = 0
  for (const blocks of body.segments()) {
    if (blocks.length === 0) continue
    const documentTokens = passages?.tokenizeDocument(blocks.map((block) => block.text).join('\n\n'))
    const doc = { title, aliases, blocks, sections: sectionsOf(blocks) }
    const chunks = chunkDocument(doc, { maxTokens, countTokens, topLevel, ...(documentTokens ? { documentTokens } : {}) })
      // A segment with no text would get a title-only chunk: the note gets one only when it has no text at all.
      .filter((chunk) => chunk.text !== '')
      .map((chunk) => preparedChunk(chunk, noteFacts, passages, documentTokens))
    chunksSoFar += chunks.length
    if (chunks.length > 0) yield { kind: 'chunks', chunks }
  }
  if (chunksSoFar === 0) {
    const [chunk] = chunkDocument({ title, aliases, blocks: [], sections: [] }, { maxTokens, countTokens })
    yield { kind: 'chunks', chunks: [preparedChunk(chunk!, noteFacts, passages)] }
  }
}

/** `prepare` for most notes; large text notes (see preparesInSegments) streamed on this thread, a segment per step. */
export function withSegments(prepare: PrepareNote, maxTokens: number, passages?: PassageEncoder, options = DEFAULT_SEGMENT_OPTIONS): PrepareOrStream {
  return (path, bytes) => {
    if (!preparesInSegments(path, bytes.byteLength, options)) return prepare(path, bytes)
    return { ok: true, streamed: true, steps: () => stepsOnThisThread(prepareInSegments(path, { bytes }, maxTokens, passages, options.segmentChars)) }
  }
}

/** The steps of prepareInSegments as an async generator; a segment that throws becomes a step `failed`. */
async function* stepsOnThisThread(steps: Generator<NoteStep>): AsyncGenerator<NoteStep, void, undefined> {
  for (;;) {
    let next: IteratorResult<NoteStep>
    try {
      next = steps.next()
    } catch (error) {
      yield { kind: 'failed', ...unreadable(error) }
      return
    }
    if (next.done) return
    yield next.value
    // Another turn of the event loop between segments: searches and commits are not held up by a long note.
    await new Promise((resolve) => setImmediate(resolve))
  }
}
