// Types of the extract stage: a file's bytes become a document of plain-text blocks mapped to source lines.
import type { SkipReason } from '../../../shared/types'

/** WHATWG name of a text encoding: "utf-8", "utf-16le", "utf-16be", or a detected legacy one ("shift_jis", "gb18030", ...). */
export type TextEncodingName = string

/** What a block was in the source; chunking treats them alike, but it helps debugging and later file types. */
export type BlockKind = 'heading' | 'paragraph' | 'list' | 'code' | 'quote' | 'table' | 'html'

/** A unit of plain text (markup stripped) with the source lines it came from. */
export interface DocBlock {
  kind: BlockKind
  /** Plain text; lines separated by "\n", never empty. */
  text: string
  /** 1-based source line of each text line (`text.split("\n")` has the same length); non-decreasing. */
  lines: number[]
  /** First and last source line of the block, 1-based and inclusive (may be wider than `lines`, e.g. code fences). */
  lineStart: number
  lineEnd: number
  /** Headings this block sits under, outermost first; a heading block's path ends with itself. */
  headingPath: string[]
  /** Heading level 1-6, set for kind `heading` only. */
  level?: number
  /** 1-based page of a paged document (PDF); `lines` then count within that page's text. */
  page?: number
}

/** A run of blocks under one heading (or before the first heading, level 0). */
export interface DocSection {
  headingPath: string[]
  /** Level of the heading that opens the section; 0 for text before the first heading. */
  level: number
  lineStart: number
  lineEnd: number
  /** Blocks of the section: `blocks.slice(blockStart, blockEnd)`; the first is the heading block when level > 0. */
  blockStart: number
  blockEnd: number
  /** Page of a paged document: every page opens a section of its own, so no passage straddles two pages. */
  page?: number
}

/**
 * What the line numbers of a document's blocks count: lines of the source file (text formats), lines of the extracted
 * text (`ExtractedDoc.text`: Word, EPUB, OpenDocument), or lines of each page's text (`ExtractedDoc.pageTexts`: PDF).
 */
export type LineBasis = 'source' | 'text' | 'page'

/** A file turned into searchable text. */
export interface ExtractedDoc {
  path: string
  /** Lower-case extension without the dot. */
  ext: string
  title: string
  titleSource: 'front-matter' | 'heading' | 'file-name'
  /** The note's tags (front matter `tags:` and inline `#tags`), without "#", first spelling kept, case-insensitively unique. */
  tags: string[]
  /** Other names the note is found by like a title: front matter `aliases:`, a document's authors. */
  aliases: string[]
  /**
   * BCP 47 guess ("en", "zh", "ja", ...) or "und" when unsure: by script and function words (the indexer asks the
   * language identifier about a Latin-script note they leave undecided; see guessLanguage).
   */
  lang: string
  /** Plain text for display and full-text search: the blocks' text joined by a blank line. */
  text: string
  blocks: DocBlock[]
  sections: DocSection[]
  lineBasis: LineBasis
  /** Text of each page (index 0 = page 1), lines as the blocks number them; paged documents only. */
  pageTexts?: string[]
  /** Problems that did not stop extraction, e.g. invalid UTF-8 replaced. */
  warnings: string[]
  encoding: TextEncodingName
  /** Number of source lines (0 for an empty file). */
  lineCount: number
  /** Bytes read. */
  size: number
  /** Modification time seen when the file was read (extractFile only). */
  mtimeMs?: number
}

/** A file that could not be indexed, with a reason the status can show. */
export interface Skip {
  ok: false
  reason: SkipReason
  /** Human-readable, e.g. "52.4 MB exceeds the 20 MB limit". */
  detail: string
}

export type ExtractResult = { ok: true; doc: ExtractedDoc } | Skip

/** A file's bytes as handed to an extractor. */
export interface ExtractInput {
  path: string
  /** Lower-case extension without the dot. */
  ext: string
  /** Base name without the extension, NFC-normalised (the title of last resort). */
  baseName: string
  bytes: Uint8Array
}

/** What a format-specific extractor produces; the registry completes it into an ExtractedDoc. */
export interface DocParts {
  /** Explicit title (front matter, HTML <title>); the first level-1 heading and the file name are fallbacks. */
  title?: string
  tags?: string[]
  aliases?: string[]
  lang?: string
  blocks: DocBlock[]
  warnings: string[]
  encoding: TextEncodingName
  lineCount: number
  /** Default `source`. For `text` and `page` the registry numbers the lines itself (see LineBasis). */
  lineBasis?: LineBasis
  /** Pages of a paged document (blocks carry their page); pages without text are kept as empty page texts. */
  pageCount?: number
}

export type ExtractorOutcome = { ok: true; parts: DocParts } | Skip

/** A file-type plug-in: Markdown, text and HTML run in the engine; PDF, Word, EPUB and OpenDocument in an isolated worker. */
export interface Extractor {
  name: string
  /** Lower-case extensions without the dot. */
  extensions: readonly string[]
  extract(input: ExtractInput): ExtractorOutcome | Promise<ExtractorOutcome>
}
