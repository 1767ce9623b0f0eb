// Glue between the indexer and the extract + chunk stages: bytes -> title, language and chunks ready to embed.
import { createHash, hash } from 'node:crypto'
import { chunkDocument, type DocChunk } from '../chunk/chunker'
import { decodeText, extractBytes, supportedExtensions } from '../extract'
import { DOCUMENT_EXTENSIONS } from '../extract/documents/limits'
import type { PrepareNote, PreparedChunk, PreparedNote } from '../index/ports'
import type { DocumentTokens } from '../model/document-tokens'
import type { PassageEncoder } from '../model/passage-encoder'
import { extensionOf } from '../watch/scan'

const SUPPORTED = new Set(supportedExtensions())

/** True for files the extractor reads (by extension). */
export function isSupportedPath(path: string): boolean {
  return SUPPORTED.has(extensionOf(path))
}

/** Rough token count when no model (and so no tokenizer) is loaded: one per CJK character, one per ~4 other characters. */
export function estimateTokens(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0
  return 2 + cjk + Math.ceil((text.length - cjk) / 4)
}

/** Hash of what is embedded; equal keys mean equal vectors. */
export function embedKeyOf(embedText: string): string {
  return hash('sha256', embedText).slice(0, 32)
}

/**
 * Builds the prepare step for a chunk budget (never above the model's max) and the model's passage encoder (token counts
 * are estimated without one). With an encoder, each chunk carries the ids the model runs, and a note whose tokenizer
 * allows it is tokenized once: the chunker counts its ranges and the chunks' ids are taken from those tokens.
 */
export function createPrepare(maxTokens: number, passages?: PassageEncoder): PrepareNote {
  const countTokens = passages ? (text: string) => passages.count(text) : estimateTokens
  return async (path, bytes): Promise<PreparedNote> => {
    const result = await extractBytes(path, bytes)
    if (!result.ok) return { ok: false, reason: result.reason, detail: result.detail }
    const doc = result.doc
    const noteFacts = { ...(doc.tags.length ? { tags: doc.tags } : {}), ...(doc.aliases.length ? { aliases: doc.aliases } : {}) }
    const documentTokens = passages?.tokenizeDocument(doc.text)
    const chunks = chunkDocument(doc, { maxTokens, countTokens, ...(documentTokens ? { documentTokens } : {}) }).map((c) => preparedChunk(c, noteFacts, passages, documentTokens))
    const warnings = [...doc.warnings, ...(bytes.length === 0 ? ['empty file: indexed by its name only'] : [])]
    return { ok: true, title: doc.title, lang: doc.lang, chunks, warnings }
  }
}

/** A chunk as the indexer takes it: with its embed key, the note's tags and aliases, and (with an encoder) its token ids. */
export function preparedChunk(chunk: DocChunk, noteFacts: Pick<PreparedChunk, 'tags' | 'aliases'>, passages?: PassageEncoder, documentTokens?: DocumentTokens): PreparedChunk {
  return {
    text: chunk.text,
    embedText: chunk.embedText,
    embedKey: embedKeyOf(chunk.embedText),
    heading: chunk.heading,
    lineStart: chunk.lineStart,
    lineEnd: chunk.lineEnd,
    ...(chunk.page ? { page: chunk.page } : {}),
    ...noteFacts,
    ...(passages ? { tokenIds: passages.encodeChunk(chunk, documentTokens) } : {})
  }
}

/** What the preview pane shows of a note. */
export interface PreviewText {
  title: string
  ext: string
  text: string
  /** PDF: the page `text` holds and the number of pages. */
  page?: number
  pageCount?: number
}

/**
 * A note's text for the preview pane: the decoded source of a text note (markup kept for the renderer); the extracted
 * text of a document, whose lines are the ones its passages count (for a PDF, the text of page `page`, default 1).
 */
export async function decodeForPreview(path: string, bytes: Buffer, page = 1): Promise<PreviewText> {
  const ext = extensionOf(path)
  const key = `${path}\0${createHash('sha256').update(bytes).digest('hex')}`
  // Turning the pages of a PDF asks for the same document again and again: its pages are kept until another one is shown.
  if (lastPaged?.key === key) return pageOf(lastPaged, ext, page)
  const extracted = await extractBytes(path, bytes)
  const title = extracted.ok ? extracted.doc.title : (path.split(/[\\/]/).pop() ?? path)
  if (extracted.ok && extracted.doc.lineBasis === 'page') {
    lastPaged = { key, title, pages: extracted.doc.pageTexts ?? [] }
    return pageOf(lastPaged, ext, page)
  }
  if (extracted.ok && extracted.doc.lineBasis === 'text') return { title, ext, text: extracted.doc.text }
  if (!extracted.ok && extractorIsIsolated(ext)) return { title, ext, text: '' }
  const decoded = decodeText(bytes)
  return { title, ext, text: decoded.ok ? decoded.text : '' }
}

/** The pages of the PDF previewed last, with its path and content hash. */
let lastPaged: { key: string; title: string; pages: string[] } | null = null

function pageOf(paged: { title: string; pages: string[] }, ext: string, page: number): PreviewText {
  const shown = Math.min(Math.max(1, Math.floor(page)), Math.max(1, paged.pages.length))
  return { title: paged.title, ext, text: paged.pages[shown - 1] ?? '', page: shown, pageCount: paged.pages.length }
}

/** True for formats that are never decoded as text (their bytes are a container, not a note). */
function extractorIsIsolated(ext: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)
}
