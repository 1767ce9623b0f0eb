// Markdown -> blocks with markdown-it: front matter, headings, paragraphs, lists, quotes, tables, code kept as text, HTML stripped.
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { DocBuilder, type TextLine } from './doc-builder'
import { readFrontMatter, type FrontMatter } from './front-matter'
import { walkHtml } from './html'
import { inlineTags, replaceWikiLinks, uniqueTags } from './note-conventions'
import { parsePlainText } from './plain-text'
import type { BlockKind, DocParts } from './types'

/**
 * Nesting levels (a quote or an inline link: one; a list item: two) markdown-it opens at most. Past it markdown-it drops
 * the rest of the note, so a note that reaches it is read as plain text instead. The cap, not the thread's stack,
 * decides: it is a third of what overflows the smallest stack we parse on (about 1,500-1,900 nested quotes, lists or
 * links on the engine thread's 984 KB stack, cold or warm), so the engine thread and the prepare workers (4 MB stacks)
 * read every note into the same blocks.
 */
const MAX_NESTING = 500
const markdown = new MarkdownIt({ html: true, linkify: false, typographer: false, maxNesting: MAX_NESTING })

/** The "[ ] " / "[x] " that starts a task-list item. */
const TASK_MARKER = /^\[[ xX]\]\s+/

/**
 * Text lines of an inline token: links keep their text, images their alt text, inline HTML tags (and inline scripts) go,
 * wiki links and embeds become their visible words. Inline #tags of its text (not of its code) are added to `tags`.
 */
function inlineLines(inline: Token | undefined, firstLine: number, lastLine: number, tags: string[] = []): TextLine[] {
  const lines: TextLine[] = [{ text: '', line: firstLine }]
  // The text of each line with code spans blanked: where inline #tags are looked for.
  const tagSources: string[] = ['']
  let skipping = false
  const emit = (children: Token[]) => {
    for (const child of children) {
      const current = lines[lines.length - 1]
      switch (child.type) {
        case 'html_inline':
          if (/^<(script|style)\b/i.test(child.content)) skipping = true
          else if (/^<\/(script|style)\s*>/i.test(child.content)) skipping = false
          break
        case 'softbreak':
        case 'hardbreak':
          lines.push({ text: '', line: Math.min(current.line + 1, lastLine) })
          tagSources.push('')
          break
        case 'image':
          if (!skipping) emit(child.children ?? [])
          break
        case 'text':
          if (!skipping) {
            current.text += child.content
            tagSources[tagSources.length - 1] += child.content
          }
          break
        case 'code_inline':
          if (!skipping) {
            current.text += child.content
            tagSources[tagSources.length - 1] += ' '
          }
          break
        default:
          if (child.children) emit(child.children)
      }
    }
  }
  emit(inline?.children ?? [])
  for (const source of tagSources) tags.push(...inlineTags(source))
  for (const entry of lines) entry.text = replaceWikiLinks(entry.text)
  return lines
}

/** Lines of a code block's content, the first at `firstLine`. */
function codeLines(content: string, firstLine: number): TextLine[] {
  const parts = content.replace(/\n$/, '').split('\n')
  return parts.map((text, index) => ({ text, line: firstLine + index }))
}

/** Converts a token's 0-based [start, end) map to 1-based inclusive lines. */
function linesOf(token: Token): { start: number; end: number } {
  const [start, end] = token.map ?? [0, 1]
  return { start: start + 1, end: Math.max(start + 1, end) }
}

/** Text lines of an HTML fragment (headings included as plain lines), for HTML inside lists and quotes. */
function htmlLines(html: string, firstLine: number): TextLine[] {
  const inner = new DocBuilder()
  walkHtml(html, inner, firstLine)
  return inner.blocks.flatMap((block) => block.text.split('\n').map((text, index) => ({ text, line: block.lines[index] })))
}

/** Rows of a table as "cell | cell" lines; `index` points at table_open. Returns the lines and the table_close index. */
function tableLines(tokens: Token[], index: number, tags: string[]): { lines: TextLine[]; end: number } {
  const lines: TextLine[] = []
  let cells: string[] = []
  let rowLine = linesOf(tokens[index]).start
  let i = index + 1
  for (; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
    const token = tokens[i]
    if (token.type === 'tr_open') {
      cells = []
      rowLine = linesOf(token).start
    } else if (token.type === 'inline') {
      cells.push(inlineLines(token, rowLine, rowLine, tags).map((line) => line.text).join(' ').trim())
    } else if (token.type === 'tr_close') {
      lines.push({ text: cells.join(' | '), line: rowLine })
    }
  }
  return { lines, end: i }
}

/** What a note nested past the markdown-it cap is indexed with. */
export const NESTED_TOO_DEEPLY = 'Markdown nested too deeply to parse; indexed as plain text'

/** A note nested past the cap, as plain text (every word kept) with a warning that says so. */
function nestedTooDeeply(body: string, frontMatter: FrontMatter): Omit<DocParts, 'encoding' | 'lineCount'> {
  const plain = parsePlainText(body)
  const warning = NESTED_TOO_DEEPLY
  const tags = uniqueTags(frontMatter.tags, plain.blocks.flatMap((block) => inlineTags(block.text)))
  return { ...plain, title: frontMatter.title, tags, aliases: frontMatter.aliases, lang: frontMatter.lang, warnings: [...frontMatter.warnings, warning] }
}

/** True when a token opens the last level markdown-it opens (what lies deeper would be dropped) or is nested that deep. */
function reachesNestingCap(tokens: Token[], depth = 0): boolean {
  if (depth >= MAX_NESTING) return true
  return tokens.some((token) => (token.nesting === 1 && token.level >= MAX_NESTING - 1) || (token.children !== null && reachesNestingCap(token.children, depth + 1)))
}

/**
 * Notes longer than this are parsed a segment at a time (each ending before a heading): markdown-it's tokens take about
 * ten times the text, so a 19 MB note parsed whole needed more than a prepare worker's 384 MB heap (issue 19.13).
 */
export const MARKDOWN_SEGMENT_CHARS = 512 * 1024

/**
 * [start, end) ranges of `body` for parsing one at a time: each at least MARKDOWN_SEGMENT_CHARS long (the last may be
 * shorter), cut only before an ATX heading line that follows a blank line outside fenced code, where every list, quote,
 * paragraph and HTML block of the usual kinds has ended. One range for a shorter body.
 */
export function markdownSegments(body: string, segmentChars = MARKDOWN_SEGMENT_CHARS): [number, number][] {
  if (body.length <= segmentChars) return [[0, body.length]]
  const ranges: [number, number][] = []
  let start = 0
  let fence: string | null = null
  let previousBlank = true
  for (let at = 0; at < body.length; ) {
    const newline = body.indexOf('\n', at)
    const lineEnd = newline === -1 ? body.length : newline
    const line = body.slice(at, Math.min(lineEnd, at + 16))
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence === null && previousBlank && at - start >= segmentChars && /^ {0,3}#{1,6}(\s|$)/.test(line)) {
      ranges.push([start, at])
      start = at
    }
    if (marker) fence = fence === null ? marker[1]![0]! : marker[1]![0] === fence ? null : fence
    previousBlank = body.slice(at, lineEnd).trim() === ''
    at = lineEnd + 1
  }
  ranges.push([start, body.length])
  return ranges
}

/** Parses normalised Markdown text into document parts (a long note in segments of about `segmentChars`). */
export function parseMarkdown(text: string, segmentChars = MARKDOWN_SEGMENT_CHARS): Omit<DocParts, 'encoding' | 'lineCount'> {
  const { frontMatter, body } = splitFrontMatter(text)
  const builder = new DocBuilder()
  const tags: string[] = []
  const segments = parseMarkdownBody(body, builder, tags, segmentChars)
  let step = segments.next()
  while (!step.done) step = segments.next()
  if (!step.value) return nestedTooDeeply(body, frontMatter)
  return {
    title: frontMatter.title,
    tags: uniqueTags(frontMatter.tags, tags),
    aliases: frontMatter.aliases,
    lang: frontMatter.lang,
    blocks: builder.blocks,
    warnings: frontMatter.warnings
  }
}

/** The front matter of a note and its body with the front matter blanked (not cut), so line numbers stay the file's. */
export function splitFrontMatter(text: string): { frontMatter: FrontMatter; body: string } {
  const frontMatter = readFrontMatter(text)
  return { frontMatter, body: '\n'.repeat(frontMatter.lineCount) + text.slice(frontMatter.length) }
}

/**
 * Parses a note's body into `builder` one segment (markdownSegments) at a time, yielding after each: its blocks are then at
 * the end of `builder.blocks` (a caller may take them out; the heading path carries over), its inline #tags added to `tags`.
 * Returns false when the note is nested past the cap (it is then read as plain text: see nestedTooDeeply).
 */
export function* parseMarkdownBody(body: string, builder: DocBuilder, tags: string[], segmentChars = MARKDOWN_SEGMENT_CHARS): Generator<void, boolean> {
  // One env for every segment: link reference definitions carry over to the segments after them.
  const env = {}
  let linesBefore = 0
  for (const [start, end] of markdownSegments(body, segmentChars)) {
    const segment = body.slice(start, end)
    let tokens: Token[]
    try {
      tokens = markdown.parse(segment, env)
    } catch (error) {
      // The nesting cap keeps markdown-it's recursion short; a stack overflow here would be a path the cap does not bound.
      if (!(error instanceof RangeError)) throw error
      return false
    }
    if (reachesNestingCap(tokens)) return false
    if (linesBefore > 0) for (const token of tokens) if (token.map) token.map = [token.map[0] + linesBefore, token.map[1] + linesBefore]
    addBlocks(tokens, builder, tags)
    linesBefore += countLines(segment)
    yield
  }
  return true
}

/** Line breaks in `text`. */
function countLines(text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}

/** Adds the blocks of markdown-it's block tokens to `builder`, inline #tags to `tags`. */
function addBlocks(tokens: Token[], builder: DocBuilder, tags: string[]): void {
  // Lists and block quotes become one block each (outermost container), their paragraphs one or more lines.
  let container: { kind: BlockKind; depth: number; lines: TextLine[]; start: number } | null = null
  const add = (kind: BlockKind, lines: TextLine[], start?: number, end?: number) => {
    if (container) container.lines.push(...lines)
    else builder.block(kind, lines, start, end)
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const { start, end } = linesOf(token)
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
      case 'blockquote_open':
        if (container) container.depth++
        else container = { kind: token.type === 'blockquote_open' ? 'quote' : 'list', depth: 1, lines: [], start }
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'blockquote_close':
        if (container && --container.depth === 0) {
          const done = container
          container = null
          builder.block(done.kind, done.lines, done.start)
        }
        break
      case 'heading_open': {
        const lines = inlineLines(tokens[i + 1], start, end, tags)
        if (container) container.lines.push(...lines)
        else builder.heading(Number(token.tag.slice(1)), lines.map((line) => line.text).join(' '), start, end)
        i += 2
        break
      }
      case 'paragraph_open': {
        const lines = inlineLines(tokens[i + 1], start, end, tags)
        if (container) lines[0].text = lines[0].text.replace(TASK_MARKER, '')
        add('paragraph', lines, start, end)
        i += 2
        break
      }
      case 'fence':
        add('code', codeLines(token.content, start + 1), start, end)
        break
      case 'code_block':
        add('code', codeLines(token.content, start), start, end)
        break
      case 'html_block':
        if (container) container.lines.push(...htmlLines(token.content, start))
        else walkHtml(token.content, builder, start)
        break
      case 'table_open': {
        const table = tableLines(tokens, i, tags)
        add('table', table.lines, start, end)
        i = table.end
        break
      }
    }
  }
}
