// Glue between the indexer and the extract + chunk stages: bytes -> title, language and chunks ready to embed.
import { createHash } from 'node:crypto'
import { chunkDocument } from '../chunk/chunker'
import { decodeText, extractBytes, supportedExtensions } from '../extract'
import type { PrepareNote, PreparedNote } from '../index/ports'
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
  return createHash('sha256').update(embedText).digest('hex').slice(0, 32)
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
    const documentTokens = passages?.tokenizeDocument(doc.text)
    const chunks = chunkDocument(doc, { maxTokens, countTokens, ...(documentTokens ? { documentTokens } : {}) }).map((c) => ({
      text: c.text,
      embedText: c.embedText,
      embedKey: embedKeyOf(c.embedText),
      heading: c.heading,
      lineStart: c.lineStart,
      lineEnd: c.lineEnd,
      ...(passages ? { tokenIds: passages.encodeChunk(c, documentTokens) } : {})
    }))
    const warnings = [...doc.warnings, ...(bytes.length === 0 ? ['empty file: indexed by its name only'] : [])]
    return { ok: true, title: doc.title, lang: doc.lang, chunks, warnings }
  }
}

/** A note's text for the preview pane: decoded source (markup kept for the renderer), with its title. */
export async function decodeForPreview(path: string, bytes: Buffer): Promise<{ title: string; ext: string; text: string }> {
  const ext = extensionOf(path)
  const extracted = await extractBytes(path, bytes)
  const decoded = decodeText(bytes)
  const text = decoded.ok ? decoded.text : ''
  return { title: extracted.ok ? extracted.doc.title : path.split(/[\\/]/).pop() ?? path, ext, text }
}
