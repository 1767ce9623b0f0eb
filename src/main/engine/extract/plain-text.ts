// Plain text -> blocks: paragraphs separated by blank lines, each line mapped to its source line.
import { DocBuilder, type TextLine } from './doc-builder'
import type { DocParts } from './types'

/** Splits normalised text into paragraph blocks at blank lines. */
export function parsePlainText(text: string): Omit<DocParts, 'encoding' | 'lineCount'> {
  const builder = new DocBuilder()
  let paragraph: TextLine[] = []
  const flush = () => {
    if (paragraph.length > 0) builder.block('paragraph', paragraph)
    paragraph = []
  }
  let line = 1
  for (let start = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const content = text.slice(start, end)
    if (content.trim() === '') flush()
    else paragraph.push({ text: content, line })
    if (newline === -1) break
    start = newline + 1
  }
  flush()
  return { blocks: builder.blocks, warnings: [] }
}
