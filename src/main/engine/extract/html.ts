// HTML -> blocks: text, headings and <title> via htmlparser2; scripts, styles and other non-text elements dropped.
import { Parser } from 'htmlparser2'
import { DocBuilder, type TextLine } from './doc-builder'
import type { BlockKind } from './types'

/** Elements whose content is never text a reader sees. */
const IGNORED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed'])
/** Elements that start and end a block of text. */
const BLOCK_BOUNDARY = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'table',
  'hr', 'figure', 'figcaption', 'details', 'summary', 'form', 'fieldset', 'address', 'center', 'body', 'html', 'caption'
])
/** Elements that break the line inside a block. */
const LINE_BREAK = new Set(['br', 'li', 'dt', 'dd', 'tr', 'option'])
const CELL = new Set(['td', 'th'])
const HEADING = /^h([1-6])$/

/** Sorted offsets of "\n" in a string, to turn offsets into 1-based line numbers by binary search. */
export class LineIndex {
  private readonly newlines: number[] = []

  constructor(text: string, private readonly firstLine = 1) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.newlines.push(at)
  }

  /** 1-based line of the character at `offset`. */
  lineAt(offset: number): number {
    let low = 0
    let high = this.newlines.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.newlines[mid] < offset) low = mid + 1
      else high = mid
    }
    return this.firstLine + low
  }
}

export interface HtmlWalkResult {
  /** Text of the first <title>, whitespace collapsed. */
  title?: string
  /** The `lang` attribute of <html>. */
  lang?: string
}

/** Accumulates the text lines of the block being read, collapsing whitespace except in <pre>. */
class BlockText {
  lines: TextLine[] = []
  private pendingSpace = false
  private pendingNewline = false

  private get current(): TextLine | undefined {
    return this.lines[this.lines.length - 1]
  }

  append(text: string, line: number, preformatted: boolean): void {
    if (preformatted) {
      text.split('\n').forEach((part, index) => {
        if (index > 0 || !this.current) this.lines.push({ text: '', line: line + index })
        this.current!.text += part
      })
      this.pendingSpace = this.pendingNewline = false
      return
    }
    let sourceLine = line
    for (const token of text.split(/(\s+)/)) {
      if (token === '') continue
      if (/^\s/.test(token)) {
        const breaks = token.split('\n').length - 1
        sourceLine += breaks
        if (this.current?.text) {
          if (breaks > 0) this.pendingNewline = true
          else this.pendingSpace = true
        }
        continue
      }
      this.appendWord(token, sourceLine)
    }
  }

  private appendWord(word: string, line: number): void {
    if (!this.current || this.pendingNewline) this.lines.push({ text: '', line })
    else if (this.pendingSpace && this.current.text) this.current.text += ' '
    if (!this.current!.text) this.current!.line = line
    this.current!.text += word
    this.pendingSpace = this.pendingNewline = false
  }

  /** Ends the current line (for <br>, <li>, <tr>). */
  breakLine(): void {
    if (this.current?.text) this.pendingNewline = true
  }

  /** Separates words (table cells, image alt text). */
  space(): void {
    if (this.current?.text) this.pendingSpace = true
  }

  take(): TextLine[] {
    const lines = this.lines
    this.lines = []
    this.pendingSpace = this.pendingNewline = false
    return lines
  }
}

/**
 * Walks HTML and adds its headings and text blocks to `builder`. `firstLine` is the 1-based source line of the
 * HTML's first character (Markdown passes the line of an embedded HTML block). Never throws for malformed HTML.
 */
export function walkHtml(html: string, builder: DocBuilder, firstLine = 1): HtmlWalkResult {
  const index = new LineIndex(html, firstLine)
  const result: HtmlWalkResult = {}
  const block = new BlockText()
  let ignoredDepth = 0
  // Inside <head> only the <title> is text.
  let headDepth = 0
  let preDepth = 0
  let titleText: string | null = null
  let heading: { level: number; text: string; line: number } | null = null
  const containers: string[] = []

  const kindOfBlock = (): BlockKind => {
    if (preDepth > 0) return 'code'
    for (let i = containers.length - 1; i >= 0; i--) {
      const name = containers[i]
      if (name === 'table') return 'table'
      if (name === 'ul' || name === 'ol' || name === 'dl') return 'list'
      if (name === 'blockquote') return 'quote'
    }
    return 'paragraph'
  }
  const flush = () => {
    const lines = block.take()
    if (lines.length > 0) builder.block(kindOfBlock(), lines)
  }

  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'html' && attributes.lang && !result.lang) result.lang = attributes.lang
        if (name === 'title' && result.title === undefined && ignoredDepth === 0) titleText = ''
        if (name === 'head') headDepth++
        if (IGNORED.has(name)) {
          ignoredDepth++
          return
        }
        if (ignoredDepth > 0) return
        const headingMatch = HEADING.exec(name)
        if (headingMatch) {
          flush()
          heading = { level: Number(headingMatch[1]), text: '', line: index.lineAt(parser.startIndex) }
          return
        }
        if (BLOCK_BOUNDARY.has(name)) {
          flush()
          containers.push(name)
          if (name === 'pre') preDepth++
        } else if (LINE_BREAK.has(name)) block.breakLine()
        else if (CELL.has(name)) block.space()
        else if (name === 'img' && attributes.alt?.trim()) {
          const alt = attributes.alt.trim()
          if (heading) heading.text += ` ${alt} `
          else {
            block.space()
            block.append(alt, index.lineAt(parser.startIndex), false)
            block.space()
          }
        }
      },
      ontext(text) {
        if (titleText !== null) titleText += text
        if (ignoredDepth > 0 || headDepth > 0) return
        if (heading) heading.text += text
        else block.append(text, index.lineAt(parser.startIndex), preDepth > 0)
      },
      onclosetag(name) {
        if (name === 'title' && titleText !== null) {
          result.title = titleText.replace(/\s+/g, ' ').trim() || undefined
          titleText = null
          return
        }
        if (name === 'head') headDepth = Math.max(0, headDepth - 1)
        if (IGNORED.has(name)) {
          ignoredDepth = Math.max(0, ignoredDepth - 1)
          return
        }
        if (ignoredDepth > 0) return
        if (heading && HEADING.test(name)) {
          builder.heading(heading.level, heading.text, heading.line, index.lineAt(parser.endIndex))
          heading = null
          return
        }
        if (BLOCK_BOUNDARY.has(name)) {
          flush()
          const at = containers.lastIndexOf(name)
          if (at !== -1) containers.splice(at)
          if (name === 'pre') preDepth = Math.max(0, preDepth - 1)
        } else if (name === 'li' || name === 'tr' || name === 'dd') block.breakLine()
        else if (CELL.has(name)) block.space()
      }
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false }
  )
  parser.end(html)
  if (heading !== null) {
    const open = heading as { level: number; text: string; line: number }
    builder.heading(open.level, open.text, open.line)
  }
  flush()
  return result
}
