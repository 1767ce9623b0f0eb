// Heading-aware chunking within a token budget: sections stay apart, long ones split at blocks, lines, sentences,
// words, then code points; neighbouring chunks of one section overlap a little; every chunk maps to source lines.
import type { DocBlock, DocSection } from '../extract/types'
import type { DocumentTokens } from '../model/document-tokens'
import { safeCut, sentenceStarts, trimRange, wordStarts } from './boundaries'
import { DocText } from './doc-text'
import { TokenCounter } from './token-counter'

export const DEFAULT_MAX_TOKENS = 256
export const DEFAULT_OVERLAP_TOKENS = 32

/** The parts of an extracted document the chunker reads. */
export interface ChunkableDoc {
  title: string
  /** Other names of the note, embedded beside the title. */
  aliases?: string[]
  blocks: DocBlock[]
  sections: DocSection[]
  /** The blocks' texts joined by a blank line, when already made (ExtractedDoc.text); joined here otherwise. */
  text?: string
}

export interface ChunkOptions {
  /** Upper bound of `countTokens(embedText)` for every chunk (default 256). Pass at most the model's limit. */
  maxTokens?: number
  /** Tokens repeated from the end of the previous chunk of the same section (default 32, at most a quarter of the budget). */
  overlapTokens?: number
  /** Cap on the title + heading context put in front of the text (default min(64, maxTokens / 4)). */
  maxContextTokens?: number
  /** The embedder's token counter; `countTokens("")` is taken as the fixed cost of special tokens. */
  countTokens: (text: string) => number
  /**
   * The document's text (its blocks joined by blank lines, as `ExtractedDoc.text`) tokenized once, so ranges are counted by
   * offsets instead of tokenizing them again. Only for tokenizers where countTokens(a + b) = countTokens(a) + the tokens
   * of b whenever a ends with a line break, and countTokens(b) = countTokens("") + the tokens of b (see DocumentTokens).
   */
  documentTokens?: DocumentTokens
  /**
   * The top heading level of the whole note (topLevelOf its heading levels) when `doc` is one segment of it; default: the
   * one of `doc`'s own sections.
   */
  topLevel?: number
}

export interface DocChunk {
  /** 0-based position in the document. */
  ordinal: number
  /** Heading path of the section the chunk starts in, e.g. "Travel > Tokyo"; "" above the first heading. */
  heading: string
  /** The passage as plain text, for display and full-text search. */
  text: string
  /** What the embedder sees: title and heading path (capped), a blank line, then `text`. */
  embedText: string
  /** The title and heading path put in front of `text` (`embedText` is `context` alone when `text` is empty). */
  context: string
  /** Offsets of `text` in the document's text (equal for a chunk without text). */
  start: number
  end: number
  /** 1-based, inclusive source lines that contain `text` (for a paged document: lines of the page's text). */
  lineStart: number
  lineEnd: number
  /** Page of a paged document; a chunk never spans two pages. */
  page?: number
  /** countTokens(embedText), never above maxTokens. */
  tokens: number
}

/** Cut strength: lower is stronger. An atom's `boundary` is the strength of the cut it starts at. */
const LEVEL_BLOCK = 0
const LEVEL_LINE = 1
const LEVEL_SENTENCE = 2
const LEVEL_WORD = 3
const LEVEL_HARD = 4
/** A range longer than budget x this many characters is taken not to fit, without counting it; also caps chunk length. */
const MAX_CHARS_PER_TOKEN = 12

/** A piece of the text that fits the budget on its own; chunks are runs of atoms. */
interface Atom {
  start: number
  end: number
  /** Tokens without the fixed special-token cost. */
  net: number
  boundary: number
}

/** Sections as chunking sees them: a heading-only section is folded into the next, so its heading is not lost. */
interface Unit {
  start: number
  end: number
  headingPath: string[]
  /** Units in different groups (top-level sections) merge only when one of them is tiny. */
  group: number
  context: string
  /** Net tokens left for the text once the context is in. */
  budget: number
  /** Page of a paged document: units of different pages never merge. */
  page?: number
}

interface Draft {
  unit: Unit
  start: number
  end: number
  net: number
}

/**
 * Level at or below which a heading opens a top-level section, from the levels of a document's headings in order: the
 * shallowest level, or the next one when the shallowest is a lone title heading.
 */
export function topLevelOf(headingLevels: readonly number[]): number {
  const levels = headingLevels.filter((level) => level > 0)
  if (levels.length === 0) return 0
  const shallowest = Math.min(...levels)
  const deeper = levels.filter((level) => level > shallowest)
  if (levels.length - deeper.length === 1 && deeper.length > 0) return Math.min(...deeper)
  return shallowest
}

/** Splits documents into chunks for one embedder; create once per document (it caches token counts). */
class Chunker {
  private readonly counter: TokenCounter
  private readonly doc: DocText
  private readonly maxTokens: number
  private readonly overlapTokens: number
  private readonly maxContextTokens: number
  private readonly tinyTokens: number
  private readonly topLevel: number | undefined
  /** Tokens the real count of a chunk has exceeded the sum of its atoms by (tokenizers are not quite additive). */
  private slack = 0

  constructor(
    private readonly source: ChunkableDoc,
    options: ChunkOptions
  ) {
    this.maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS
    if (!Number.isInteger(this.maxTokens) || this.maxTokens < 16) throw new RangeError(`maxTokens must be an integer >= 16, got ${options.maxTokens}`)
    if (typeof options.countTokens !== 'function') throw new TypeError('countTokens must be a function')
    this.doc = new DocText(source.blocks, source.text)
    this.counter = new TokenCounter(options.countTokens, this.doc.text, options.documentTokens)
    this.overlapTokens = Math.max(0, Math.floor(options.overlapTokens ?? DEFAULT_OVERLAP_TOKENS))
    this.maxContextTokens = Math.max(0, Math.min(options.maxContextTokens ?? 64, Math.floor(this.maxTokens / 4)))
    this.tinyTokens = Math.floor(this.maxTokens / 8)
    this.topLevel = options.topLevel
  }

  run(): DocChunk[] {
    const chunks: DocChunk[] = []
    const emit = (draft: Draft) => {
      const chunk = this.finish(draft, chunks.length)
      if (chunk) chunks.push(chunk)
    }
    let pending: Draft | null = null
    for (const unit of this.units()) {
      const atoms: Atom[] = []
      this.atomize(unit.start, unit.end, LEVEL_BLOCK, LEVEL_BLOCK, unit.budget, atoms)
      const unitNet = atoms.reduce((sum, atom) => sum + atom.net, 0)
      if (pending !== null) {
        const previous: Draft = pending
        const fitsWhole = previous.net + unitNet <= previous.unit.budget && unit.end - previous.start <= previous.unit.budget * MAX_CHARS_PER_TOKEN
        const related = unit.group === previous.unit.group || previous.net <= this.tinyTokens || unitNet <= this.tinyTokens
        if (fitsWhole && related && unit.page === previous.unit.page && this.fits(previous.unit, previous.start, unit.end, previous.net + unitNet)) {
          pending = { ...previous, end: unit.end, net: previous.net + unitNet }
          continue
        }
        emit(previous)
      }
      const drafts = this.pack(unit, atoms)
      drafts.slice(0, -1).forEach(emit)
      pending = drafts[drafts.length - 1] ?? null
    }
    if (pending) emit(pending)
    if (chunks.length === 0) chunks.push(this.titleOnlyChunk())
    return chunks
  }

  /** Sections as units, with context and budget; heading-only sections fold into the next section of the same page. */
  private units(): Unit[] {
    const sections = this.source.sections
    const topLevel = this.topLevel ?? topLevelOf(sections.map((section) => section.level))
    const units: Unit[] = []
    let folded: { start: number; level: number } | null = null
    let group = 0
    sections.forEach((section, index) => {
      const start = this.doc.blockStarts[section.blockStart]
      const end = this.doc.blockEnds[section.blockEnd - 1]
      if (start === undefined || end === undefined) return
      const level = Math.min(folded?.level ?? section.level, section.level)
      const bodyBlocks = section.blockEnd - section.blockStart - (section.level > 0 ? 1 : 0)
      if (bodyBlocks === 0 && index < sections.length - 1 && sections[index + 1]!.page === section.page) {
        folded = { start: folded?.start ?? start, level }
        return
      }
      if (level > 0 && level <= topLevel) group++
      const context = this.contextFor(section.headingPath)
      const budget = this.maxTokens - this.counter.overhead - this.counter.net(`${context}\n\n`)
      units.push({ start: folded?.start ?? start, end, headingPath: section.headingPath, group, context, budget, ...(section.page === undefined ? {} : { page: section.page }) })
      folded = null
    })
    return units
  }

  /**
   * "Title (alias, alias)\nHeading > Sub" (the heading path without a first element equal to the title), cut to the
   * context cap.
   */
  private contextFor(headingPath: string[]): string {
    const path = headingPath[0] === this.source.title ? headingPath.slice(1) : headingPath
    const aliases = this.source.aliases ?? []
    const title = aliases.length > 0 ? `${this.source.title} (${aliases.join(', ')})` : this.source.title
    let context = path.length > 0 ? `${title}\n${path.join(' > ')}` : title
    for (let net = this.counter.net(`${context}\n\n`); net > this.maxContextTokens && context.length > 0; net = this.counter.net(`${context}\n\n`)) {
      const keep = Math.floor((context.length * this.maxContextTokens) / net * 0.9)
      context = context.slice(0, safeCut(context, Math.min(keep, context.length - 1))).trimEnd()
    }
    return context
  }

  /** Net tokens of [start, end) if it fits `budget`, else undefined (long ranges are rejected without counting). */
  private netIfFits(start: number, end: number, budget: number): number | undefined {
    if (end - start > budget * MAX_CHARS_PER_TOKEN) return undefined
    const [a, b] = trimRange(this.doc.text, start, end)
    if (a === b) return 0
    const net = this.counter.netRange(a, b)
    return net <= budget ? net : undefined
  }

  /**
   * True when [start, end) is far longer than `budget` tokens usually take in this document: it is split without
   * counting it first (tokenizing text only to throw the count away is the chunker's main cost). If the guess is
   * wrong, its pieces are simply packed back together.
   */
  private likelyTooLong(start: number, end: number, budget: number): boolean {
    return this.counter.calibrated && end - start > budget * this.counter.charsPerToken * 1.5
  }

  /** Splits [start, end) into atoms that each fit `budget`, cutting at the strongest boundaries available. */
  private atomize(start: number, end: number, level: number, boundary: number, budget: number, out: Atom[]): void {
    if (level >= LEVEL_HARD) return this.hardSplit(start, end, boundary, budget, out)
    const cuts = this.cutsAt(level, start, end)
    if (cuts.length === 0) return this.atomize(start, end, level + 1, boundary, budget, out)
    const bounds = [start, ...cuts, end]
    // Neighbouring small parts are counted together (fewer tokenizer calls); a group that fails is split part by part.
    const groupChars = Math.max(32, Math.floor((this.counter.charsPerToken * budget) / 8))
    const single = (k: number) => {
      const partBoundary = k === 0 ? boundary : level
      const net = this.likelyTooLong(bounds[k], bounds[k + 1], budget) ? undefined : this.netIfFits(bounds[k], bounds[k + 1], budget)
      if (net !== undefined) out.push({ start: bounds[k], end: bounds[k + 1], net, boundary: partBoundary })
      else this.atomize(bounds[k], bounds[k + 1], level + 1, partBoundary, budget, out)
    }
    for (let i = 0; i < bounds.length - 1; ) {
      let j = i + 1
      while (j < bounds.length - 1 && bounds[j + 1] - bounds[i] <= groupChars) j++
      if (j - i === 1) {
        single(i)
      } else {
        const net = this.netIfFits(bounds[i], bounds[j], budget)
        if (net !== undefined) out.push({ start: bounds[i], end: bounds[j], net, boundary: i === 0 ? boundary : level })
        else for (let k = i; k < j; k++) single(k)
      }
      i = j
    }
  }

  private cutsAt(level: number, start: number, end: number): number[] {
    if (level <= LEVEL_LINE) return this.doc.structuralCuts(level === LEVEL_LINE, start, end)
    const slice = this.doc.text.slice(start, end)
    const relative = level === LEVEL_SENTENCE ? sentenceStarts(slice) : level === LEVEL_WORD ? wordStarts(slice) : []
    return relative.map((offset) => start + offset)
  }

  /** Last resort: cuts at code points, sized by the running characters-per-token estimate and shrunk until each fits. */
  private hardSplit(start: number, end: number, boundary: number, budget: number, out: Atom[]): void {
    const text = this.doc.text
    const cutAt = (position: number, length: number) => {
      const cut = safeCut(text, Math.min(end, position + length))
      return cut > position ? cut : Math.min(end, position + 2)
    }
    for (let position = start; position < end; ) {
      let cut = cutAt(position, Math.max(1, Math.floor(this.counter.charsPerToken * budget * 0.9)))
      let net = this.netIfFits(position, cut, budget)
      while (net === undefined) {
        cut = cutAt(position, Math.max(1, Math.floor((cut - position) * 0.6)))
        net = this.netIfFits(position, cut, budget)
        // One code point over budget cannot be split further; take it as it is.
        if (net === undefined && cut - position <= 2) net = this.counter.netRange(position, cut)
      }
      if (cut < end && net > 0 && net < budget * 0.8) {
        // Well under budget: one try at a piece sized by what this one measured.
        const grown = cutAt(position, Math.floor(((cut - position) * budget * 0.95) / net))
        const grownNet = grown > cut ? this.netIfFits(position, grown, budget) : undefined
        if (grownNet !== undefined) [cut, net] = [grown, grownNet]
      }
      out.push({ start: position, end: cut, net, boundary: position === start ? boundary : LEVEL_HARD })
      position = cut
    }
  }

  /**
   * True when the chunk [start, end) of `unit` fits maxTokens with its context (an actual count). `estimate` is the
   * sum of its atoms' counts; how far the real count exceeds it becomes slack for later packing.
   */
  private fits(unit: Unit, start: number, end: number, estimate: number): boolean {
    const [a, b] = trimRange(this.doc.text, start, end)
    const total = this.counter.totalComposed(unit.context, a, b)
    const excess = total - (this.maxTokens - unit.budget) - estimate
    if (excess > this.slack) this.slack = Math.min(excess, Math.floor(unit.budget / 8))
    return total <= this.maxTokens
  }

  /** Packs a unit's atoms greedily into drafts, preferring to end at a stronger boundary, with overlap between drafts. */
  private pack(unit: Unit, atoms: Atom[]): Draft[] {
    const drafts: Draft[] = []
    const overlapCap = Math.min(this.overlapTokens, Math.floor(unit.budget / 4))
    for (let i = 0; i < atoms.length; ) {
      const budget = unit.budget - this.slack
      const previous = drafts[drafts.length - 1]
      let { start, net: overlapNet } = previous
        ? this.overlapBefore(atoms[i].start, previous.start, Math.min(overlapCap, budget - atoms[i].net))
        : { start: atoms[i].start, net: 0 }
      let j = i
      let net = overlapNet + atoms[i].net
      // Characters are capped too, so runs of white space (which count as no tokens) cannot bloat a chunk.
      const maxEnd = start + budget * MAX_CHARS_PER_TOKEN
      while (j + 1 < atoms.length && net + atoms[j + 1].net <= budget && atoms[j + 1].end <= maxEnd) net += atoms[++j].net
      if (j + 1 < atoms.length && atoms[j + 1].boundary > LEVEL_BLOCK) {
        // Full: end at the last stronger boundary instead, if that keeps the chunk at least half full.
        let cumulative = overlapNet
        let best = -1
        for (let k = i; k <= j; k++) {
          if (k > i && atoms[k].boundary < atoms[j + 1].boundary && cumulative >= budget / 2) best = k
          cumulative += atoms[k].net
        }
        if (best !== -1) {
          for (let k = best; k <= j; k++) net -= atoms[k].net
          j = best - 1
        }
      }
      // The sum of atom counts is an estimate; the real count decides.
      while (!this.fits(unit, start, atoms[j].end, net)) {
        if (j > i) net -= atoms[j--].net
        else if (start < atoms[i].start) {
          net -= overlapNet
          overlapNet = 0
          start = atoms[i].start
        } else if (atoms[i].end - atoms[i].start <= 2) {
          break // a single code point with the (capped) context: nothing left to split
        } else {
          const pieces: Atom[] = []
          this.hardSplit(atoms[i].start, atoms[i].end, atoms[i].boundary, Math.max(1, Math.floor(atoms[i].net * 0.8)), pieces)
          atoms.splice(i, 1, ...pieces)
          net = atoms[i].net
        }
      }
      drafts.push({ unit, start, end: atoms[j].end, net })
      i = j + 1
    }
    return drafts
  }

  /**
   * Where the overlap before `position` starts: the longest run of whole sentences ending at `position` within
   * `limit` tokens, else the longest run of trailing words (or, in CJK text, characters); never before `floor`
   * (the previous chunk's start). Pieces are counted one by one from the end, so each is tokenized once.
   */
  private overlapBefore(position: number, floor: number, limit: number): { start: number; net: number } {
    const none = { start: position, net: 0 }
    if (limit <= 0) return none
    const text = this.doc.text
    const windowStart = Math.max(floor, position - Math.ceil(this.counter.charsPerToken * limit * 3) - 1)
    const sentenceOffsets = sentenceStarts(text.slice(windowStart, position)).map((offset) => windowStart + offset)
    if (windowStart === floor) sentenceOffsets.unshift(floor)
    const bySentence = this.longestTail(sentenceOffsets, position, limit)
    if (bySentence) return bySentence
    const lastSentence = sentenceOffsets[sentenceOffsets.length - 1] ?? windowStart
    const tail = text.slice(lastSentence, position)
    const wordOffsets = wordStarts(tail)
    const fineOffsets = wordOffsets.length > 0 ? wordOffsets : Array.from({ length: Math.min(tail.length, limit * 4) }, (_, index) => tail.length - index)
    const byWord = this.longestTail(fineOffsets.map((offset) => safeCut(text, lastSentence + offset)), position, limit)
    return byWord ?? none
  }

  /**
   * The earliest of `starts` such that [start, position) fits `limit`: pieces between consecutive starts are
   * counted from the end and summed for a first guess, which real counts then confirm or narrow down.
   */
  private longestTail(starts: number[], position: number, limit: number): { start: number; net: number } | null {
    const candidates = [...new Set(starts)].filter((start) => start < position).sort((a, b) => b - a)
    let sum = 0
    let end = position
    let chosen = -1
    for (let k = 0; k < candidates.length; k++) {
      const piece = this.netIfFits(candidates[k], end, limit)
      if (piece === undefined || sum + piece > limit) break
      sum += piece
      end = candidates[k]
      chosen = k
    }
    // Pieces do not add up exactly (a lone word can count as nothing): find the earliest start that truly fits.
    if (chosen < 0) return null
    const guess = this.netIfFits(candidates[chosen], position, limit)
    if (guess !== undefined) return guess > 0 ? { start: candidates[chosen], net: guess } : null
    let low = 0
    let high = chosen - 1
    let best: { start: number; net: number } | null = null
    while (low <= high) {
      const mid = (low + high) >> 1
      const net = this.netIfFits(candidates[mid], position, limit)
      if (net === undefined) high = mid - 1
      else {
        if (net > 0) best = { start: candidates[mid], net }
        low = mid + 1
      }
    }
    return best
  }

  private finish(draft: Draft, ordinal: number): DocChunk | null {
    const [a, b] = trimRange(this.doc.text, draft.start, draft.end)
    if (a === b) return null
    const text = this.doc.text.slice(a, b)
    const context = draft.unit.context
    return {
      ordinal,
      heading: draft.unit.headingPath.join(' > '),
      text,
      embedText: `${context}\n\n${text}`,
      context,
      start: a,
      end: b,
      lineStart: this.doc.lineAt(a),
      lineEnd: this.doc.lineAt(b - 1),
      ...(draft.unit.page === undefined ? {} : { page: draft.unit.page }),
      tokens: this.counter.totalComposed(context, a, b)
    }
  }

  /** A document without text still gets one chunk (its title), so it can be found by name. */
  private titleOnlyChunk(): DocChunk {
    const embedText = this.contextFor([])
    const firstLine = this.source.blocks[0]?.lineStart ?? 1
    return { ordinal: 0, heading: '', text: '', embedText, context: embedText, start: 0, end: 0, lineStart: firstLine, lineEnd: firstLine, tokens: this.counter.total(embedText) }
  }
}

/**
 * Splits an extracted document into chunks of at most `maxTokens` tokens (context included), heading-aware:
 * sections are not merged across top-level headings unless one side is tiny; long sections split at blocks, lines,
 * sentences (CJK punctuation too), words, then code points; chunks of one section overlap by up to `overlapTokens`.
 */
export function chunkDocument(doc: ChunkableDoc, options: ChunkOptions): DocChunk[] {
  return new Chunker(doc, options).run()
}
