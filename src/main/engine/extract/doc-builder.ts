// Collects blocks in source order, tracks the heading path, and derives sections; shared by every text format.
import type { BlockKind, DocBlock, DocSection } from './types'

/** One line of plain text and the 1-based source line it came from. */
export interface TextLine {
  text: string
  line: number
}

/** Longest heading kept in a heading path (longer headings are cut with an ellipsis). */
const MAX_HEADING_CHARS = 200

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** Builds the block list of a document; headings open sections and set the path of the blocks that follow. */
export class DocBuilder {
  readonly blocks: DocBlock[] = []
  /** Page of the blocks added next (paged documents); headings carry over from page to page. */
  page: number | undefined
  private readonly headingStack: { level: number; text: string }[] = []

  /** Adds a heading; empty headings are ignored. Returns false when nothing was added. */
  heading(level: number, text: string, line: number, lineEnd = line): boolean {
    const flat = text.replace(/\s+/g, ' ').trim()
    if (!flat) return false
    while (this.headingStack.length > 0 && this.headingStack[this.headingStack.length - 1].level >= level) this.headingStack.pop()
    this.headingStack.push({ level, text: clip(flat, MAX_HEADING_CHARS) })
    this.blocks.push({ kind: 'heading', text: flat, lines: [line], lineStart: line, lineEnd, headingPath: this.path(), level, ...this.onPage() })
    return true
  }

  /**
   * Adds a block from its text lines. Trailing spaces are dropped, leading and trailing blank lines trimmed;
   * a block with no visible text is ignored. `lineStart`/`lineEnd` default to the first and last text line.
   */
  block(kind: BlockKind, textLines: TextLine[], lineStart?: number, lineEnd?: number): boolean {
    let first = 0
    let last = textLines.length - 1
    while (first <= last && textLines[first].text.trim() === '') first++
    while (last >= first && textLines[last].text.trim() === '') last--
    if (first > last) return false
    const kept = textLines.slice(first, last + 1)
    const lines = kept.map((entry) => entry.line)
    const text = kept.map((entry) => entry.text.trimEnd()).join('\n')
    this.blocks.push({
      kind,
      text,
      lines,
      lineStart: Math.min(lineStart ?? lines[0], lines[0]),
      lineEnd: Math.max(lineEnd ?? lines[lines.length - 1], lines[lines.length - 1]),
      headingPath: this.path(),
      ...this.onPage()
    })
    return true
  }

  private path(): string[] {
    return this.headingStack.map((entry) => entry.text)
  }

  private onPage(): { page?: number } {
    return this.page === undefined ? {} : { page: this.page }
  }
}

/**
 * Numbers the blocks' lines as lines of the text they make when joined by blank lines (`ExtractedDoc.text`), each page
 * apart when the blocks carry pages. Returns the text of each page (one entry for a document without pages).
 */
export function numberTextLines(blocks: DocBlock[], pageCount = 0): string[] {
  const texts: string[][] = []
  const next: number[] = []
  for (const block of blocks) {
    const index = (block.page ?? 1) - 1
    texts[index] ??= []
    next[index] ??= 1
    if (texts[index].length > 0) next[index]++ // the blank line between blocks
    const count = block.text.split('\n').length
    block.lines = Array.from({ length: count }, (_, i) => next[index] + i)
    block.lineStart = next[index]
    block.lineEnd = next[index] + count - 1
    next[index] += count
    texts[index].push(block.text)
  }
  const pages = Math.max(pageCount, texts.length, 1)
  return Array.from({ length: pages }, (_, i) => (texts[i] ?? []).join('\n\n'))
}

/**
 * Groups blocks into sections: each heading opens one; blocks before the first heading form a level-0 section. In a paged
 * document each page opens a section too (level 0, under the heading path it continues), so no section spans two pages.
 */
export function sectionsOf(blocks: DocBlock[]): DocSection[] {
  const sections: DocSection[] = []
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]
    const current = sections[sections.length - 1]
    if (block.kind === 'heading' || !current || block.page !== current.page) {
      const heading = block.kind === 'heading'
      sections.push({
        headingPath: heading ? block.headingPath : block.headingPath.slice(),
        level: heading ? (block.level ?? 1) : 0,
        lineStart: block.lineStart,
        lineEnd: block.lineEnd,
        blockStart: index,
        blockEnd: index + 1,
        ...(block.page === undefined ? {} : { page: block.page })
      })
    } else {
      current.blockEnd = index + 1
      current.lineEnd = Math.max(current.lineEnd, block.lineEnd)
    }
  }
  return sections
}
