// The chunker's view of a document: block texts joined by blank lines, with block offsets and an offset -> line map.
import type { DocBlock } from '../extract/types'
import { lowerBound } from './boundaries'

/** The document as one string (blocks joined by a blank line) with block and line offsets. */
export class DocText {
  readonly text: string
  readonly blockStarts: number[] = []
  readonly blockEnds: number[] = []
  private readonly lineOffsets: number[] = []
  private readonly lineNumbers: number[] = []

  /** `joined`, when given, is that string already made (ExtractedDoc.text): it is used instead of joining again. */
  constructor(blocks: DocBlock[], joined?: string) {
    const parts: string[] = []
    let offset = 0
    for (const block of blocks) {
      if (parts.length > 0) offset += 2
      this.blockStarts.push(offset)
      let lineOffset = offset
      block.text.split('\n').forEach((line, index) => {
        this.lineOffsets.push(lineOffset)
        this.lineNumbers.push(block.lines[Math.min(index, block.lines.length - 1)] ?? block.lineStart)
        lineOffset += line.length + 1
      })
      parts.push(block.text)
      offset += block.text.length
      this.blockEnds.push(offset)
    }
    if (joined !== undefined && joined.length !== offset) throw new RangeError('the joined text must be the blocks joined by a blank line')
    this.text = joined ?? parts.join('\n\n')
  }

  /** 1-based source line of the character at `offset`. */
  lineAt(offset: number): number {
    const index = lowerBound(this.lineOffsets, offset + 1) - 1
    return this.lineNumbers[Math.max(0, index)] ?? 1
  }

  /** Offsets strictly inside (start, end) where a block (or, with `lines`, a line) starts. */
  structuralCuts(lines: boolean, start: number, end: number): number[] {
    const offsets = lines ? this.lineOffsets : this.blockStarts
    return offsets.slice(lowerBound(offsets, start + 1), lowerBound(offsets, end))
  }
}
