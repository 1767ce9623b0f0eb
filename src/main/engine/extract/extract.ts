// Entry points of the extract stage: a path or a file's bytes -> ExtractedDoc, or a skip with a reason. Never throws.
import { basename, extname } from 'node:path'
import { numberTextLines, sectionsOf } from './doc-builder'
import { languageOfScriptAndWords } from './lang'
import { DEFAULT_MAX_FILE_BYTES, readFileBytes } from './read-file'
import { extractorFor } from './registry'
import type { DocParts, ExtractedDoc, ExtractInput, ExtractResult } from './types'

const MAX_TITLE_CHARS = 300

export interface ExtractFileOptions {
  /** Files larger than this are skipped as `too-large` (default 20 MB). */
  maxBytes?: number
}

/** Lower-case extension without the dot; "" when none. */
export function extensionOf(path: string): string {
  return extname(path).slice(1).toLowerCase()
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= MAX_TITLE_CHARS ? flat : `${flat.slice(0, MAX_TITLE_CHARS - 1)}…`
}

/** A note's title: its explicit title, else its first level-1 heading, else its file name (clipped, white space folded). */
export function noteTitle(explicit: string | undefined, firstH1: string | undefined, input: Pick<ExtractInput, 'path' | 'baseName'>): string {
  const title = explicit?.trim() ? explicit : firstH1
  return clip(title ?? '') || input.baseName || basename(input.path)
}

/** A note's aliases as stored: clipped like titles, empty ones dropped. */
export function noteAliases(aliases: readonly string[] | undefined): string[] {
  return (aliases ?? []).map(clip).filter(Boolean)
}

/** The base name of `path` without its extension, NFC-normalised (the title of last resort). */
export function baseNameOf(path: string): string {
  const name = basename(path)
  return name.slice(0, name.length - extname(name).length).normalize('NFC')
}

function unsupported(ext: string): ExtractResult {
  return { ok: false, reason: 'unsupported-type', detail: ext ? `no extractor for .${ext} files` : 'the file has no extension' }
}

function finish(parts: DocParts, input: ExtractInput): ExtractedDoc {
  const firstH1 = parts.blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text
  const lineBasis = parts.lineBasis ?? 'source'
  // Documents whose source is not text number lines within their extracted text (or within each page's text).
  const pageTexts = lineBasis === 'source' ? undefined : numberTextLines(parts.blocks, parts.pageCount)
  const text = parts.blocks.map((block) => block.text).join('\n\n')
  return {
    path: input.path,
    ext: input.ext,
    title: noteTitle(parts.title, firstH1, input),
    titleSource: parts.title?.trim() ? 'front-matter' : firstH1 ? 'heading' : 'file-name',
    tags: parts.tags ?? [],
    aliases: noteAliases(parts.aliases),
    lang: parts.lang ?? languageOfScriptAndWords(text) ?? 'und',
    text,
    blocks: parts.blocks,
    sections: sectionsOf(parts.blocks),
    lineBasis,
    ...(lineBasis === 'page' ? { pageTexts } : {}),
    warnings: parts.warnings,
    encoding: parts.encoding,
    lineCount: lineBasis === 'source' ? parts.lineCount : text.split('\n').length,
    size: input.bytes.byteLength
  }
}

/**
 * Extracts a document from bytes already read (the indexer reads files itself). The extension of `path` picks
 * the extractor. An empty file yields an empty document titled after the file, so the note stays findable by name.
 */
export async function extractBytes(path: string, bytes: Uint8Array): Promise<ExtractResult> {
  const ext = extensionOf(path)
  const extractor = extractorFor(ext)
  if (!extractor) return unsupported(ext)
  const input: ExtractInput = { path, ext, baseName: baseNameOf(path), bytes }
  try {
    const outcome = await extractor.extract(input)
    return outcome.ok ? { ok: true, doc: finish(outcome.parts, input) } : outcome
  } catch (error) {
    return { ok: false, reason: 'error', detail: `${extractor.name} extractor failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

/** Reads and extracts one file; problems (missing, unreadable, binary, too large, not a file, link loop) become skips. */
export async function extractFile(path: string, options: ExtractFileOptions = {}): Promise<ExtractResult> {
  const ext = extensionOf(path)
  if (!extractorFor(ext)) return unsupported(ext)
  const read = await readFileBytes(path, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES)
  if (!read.ok) return read
  const result = await extractBytes(path, read.bytes)
  if (result.ok) result.doc.mtimeMs = read.mtimeMs
  return result
}
