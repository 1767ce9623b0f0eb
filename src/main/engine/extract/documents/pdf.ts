// PDF -> paged document parts with Mozilla's pdf.js: lines rebuilt from positioned text items, paragraphs from gaps,
// headings from font sizes, title and author from the metadata. Runs in the document worker, never on the engine thread.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { DocBuilder, type TextLine } from '../doc-builder'
import type { DocParts, ExtractorOutcome } from '../types'
import { unifyCjkRadicals } from './cjk-radicals'
import { DEFAULT_DOCUMENT_LIMITS, type PdfLimits } from './limits'

/** What a text item of pdf.js's getTextContent holds that lines are rebuilt from (marked-content items have no `str`). */
interface PositionedText {
  str: string
  transform: number[]
  width: number
  height: number
  hasEOL: boolean
}

/** A rebuilt line of a page: its text, baseline and font size. */
interface PageLine {
  text: string
  y: number
  size: number
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let loaded: Promise<{ pdfjs: PdfJs; dataDir: string }> | null = null

/**
 * Loads pdf.js once per worker, with its "worker" code on this thread (the document worker is already off the engine's
 * thread; a nested worker would only add a copy of the library).
 */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; dataDir: string }> {
  loaded ??= (async () => {
    const require = createRequire(__filename)
    const dataDir = dirname(require.resolve('pdfjs-dist/package.json'))
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
    return { pdfjs, dataDir }
  })()
  return loaded
}

/** Reads pdf.js's character maps and standard font data from its package folder (never from the network). */
function localDataFactory(dataDir: string) {
  const folders: Record<string, string> = { cMapUrl: 'cmaps', standardFontDataUrl: 'standard_fonts', wasmUrl: 'wasm' }
  return class LocalDataFactory {
    constructor(_urls: unknown) {}
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      const folder = folders[kind]
      if (!folder || !/^[\w.-]+$/.test(filename)) throw new Error(`no local pdf.js data for ${kind}/${filename}`)
      return new Uint8Array(await readFile(join(dataDir, folder, filename)))
    }
  }
}

const WHITE_SPACE_END = /\s$/
const WHITE_SPACE_START = /^\s/
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u

/** Lines of one page in content order: a new line at an end-of-line mark or a change of baseline; spaces where items leave a gap. */
export function pageLines(items: readonly PositionedText[]): PageLine[] {
  const lines: PageLine[] = []
  let current: (PageLine & { endX: number }) | null = null
  let breakNext = false
  for (const item of items) {
    const x = item.transform[4] ?? 0
    const y = item.transform[5] ?? 0
    const size = Math.abs(item.height) || Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || 1
    if (item.str === '') {
      if (item.hasEOL) breakNext = true
      continue
    }
    const newLine = !current || breakNext || Math.abs(y - current.y) > 0.5 * Math.max(size, current.size)
    if (newLine) {
      if (current?.text.trim()) lines.push(current)
      current = { text: item.str, y, size, endX: x + item.width }
    } else if (current) {
      const gap = x - current.endX
      const last = current.text.at(-1) ?? ''
      const first = item.str[0] ?? ''
      const needsSpace = gap > 0.2 * size && !WHITE_SPACE_END.test(current.text) && !WHITE_SPACE_START.test(item.str) && !(CJK.test(last) && CJK.test(first) && gap < size)
      current.text += (needsSpace ? ' ' : '') + item.str
      current.endX = x + item.width
      current.size = Math.max(current.size, size)
    }
    breakNext = item.hasEOL
  }
  if (current?.text.trim()) lines.push(current)
  for (const line of lines) line.text = unifyCjkRadicals(line.text.replace(/\s+/g, ' ').trim())
  return lines.filter((line) => line.text !== '')
}

/** The font size most characters of the document are set in (the body text). */
function bodySize(pages: readonly PageLine[][]): number {
  const chars = new Map<number, number>()
  for (const line of pages.flat()) {
    const size = Math.round(line.size * 2) / 2
    chars.set(size, (chars.get(size) ?? 0) + line.text.length)
  }
  let best = 0
  let bestChars = -1
  for (const [size, count] of chars) if (count > bestChars) [best, bestChars] = [size, count]
  return best
}

/** Heading levels by font size: sizes well above the body's, largest first, at most six. */
function headingLevels(pages: readonly PageLine[][], body: number): Map<number, number> {
  const sizes = new Set<number>()
  for (const line of pages.flat()) if (isHeadingSize(line.size, body) && line.text.length <= 150) sizes.add(Math.round(line.size * 2) / 2)
  return new Map([...sizes].sort((a, b) => b - a).slice(0, 6).map((size, index) => [size, index + 1]))
}

function isHeadingSize(size: number, body: number): boolean {
  return body > 0 && size >= body * 1.2
}

/** Adds one page's lines to the builder: headings by size, paragraphs split where the gap between lines is wide. */
function addPage(builder: DocBuilder, lines: PageLine[], body: number, levels: Map<number, number>): void {
  let paragraph: TextLine[] = []
  let previous: PageLine | null = null
  let lineNumber = 1
  const flush = () => {
    if (paragraph.length > 0) builder.block('paragraph', paragraph)
    paragraph = []
  }
  for (const line of lines) {
    const level = levels.get(Math.round(line.size * 2) / 2)
    if (level !== undefined && line.text.length <= 150) {
      flush()
      // Consecutive lines of one heading size are one heading (a title set over two lines).
      const last = builder.blocks.at(-1)
      if (previous && last?.kind === 'heading' && last.level === level && last.page === builder.page && Math.abs(previous.y - line.y) < previous.size * 2) {
        builder.blocks.pop()
        builder.heading(level, `${last.text} ${line.text}`, last.lineStart, lineNumber++)
      } else {
        builder.heading(level, line.text, lineNumber++)
      }
      previous = line
      continue
    }
    const gap = previous ? Math.abs(previous.y - line.y) : 0
    const lineHeight = Math.max(line.size, previous?.size ?? 0, body)
    if (previous && (gap > lineHeight * 1.75 || levels.has(Math.round(previous.size * 2) / 2))) flush()
    paragraph.push({ text: line.text, line: lineNumber++ })
    previous = line
  }
  flush()
}

/** A usable metadata title: not empty, not a file name, not a placeholder. */
function usableTitle(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const title = raw.replace(/^Microsoft (Word|PowerPoint) - /, '').replace(/\s+/g, ' ').trim()
  if (title === '' || /^untitled\b/i.test(title) || /\.(pdf|docx?|odt|rtf|tex|pptx?|indd|txt|html?)$/i.test(title)) return undefined
  return title
}

function authorsOf(raw: unknown): string[] {
  if (typeof raw !== 'string') return []
  return raw.split(/\s*;\s*/).map((author) => author.trim()).filter(Boolean).slice(0, 10)
}

function letterCount(pages: readonly PageLine[][]): number {
  let letters = 0
  for (const line of pages.flat()) letters += line.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0
  return letters
}

/** Extracts a PDF's text page by page. Encrypted, damaged and scanned files become skips; limits leave partial text. */
export async function extractPdf(bytes: Uint8Array, limits: PdfLimits = DEFAULT_DOCUMENT_LIMITS.pdf): Promise<ExtractorOutcome> {
  const cpuStart = threadCpuMs()
  const { pdfjs, dataDir } = await loadPdfJs()
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
    data: bytes.slice(),
    BinaryDataFactory: localDataFactory(dataDir),
    cMapUrl: 'local:/',
    standardFontDataUrl: 'local:/',
    useWorkerFetch: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: 0
  } as Parameters<PdfJs['getDocument']>[0])
  let document: Awaited<typeof task.promise>
  try {
    document = await task.promise
  } catch (error) {
    await task.destroy().catch(() => undefined)
    const name = (error as { name?: string }).name
    if (name === 'PasswordException') return { ok: false, reason: 'encrypted', detail: 'encrypted PDF: opening it needs a password' }
    return { ok: false, reason: 'error', detail: `damaged or not a PDF (${(error as Error).message})` }
  }
  try {
    const warnings: string[] = []
    const pageCount = document.numPages
    const pages: PageLine[][] = []
    let chars = 0
    let stopped: string | null = null
    for (let number = 1; number <= pageCount; number++) {
      if (number > limits.maxPages) stopped = `only the first ${limits.maxPages.toLocaleString('en')} of ${pageCount.toLocaleString('en')} pages were read`
      else if (chars > limits.maxChars) stopped = `text past ${limits.maxChars.toLocaleString('en')} characters was not read (pages ${number}-${pageCount})`
      else if (threadCpuMs() - cpuStart > limits.softDeadlineCpuMs) stopped = `reading stopped after ${Math.round(limits.softDeadlineCpuMs / 1000)} s of work: pages ${number}-${pageCount} were not read`
      if (stopped) break
      try {
        const page = await document.getPage(number)
        const content = await page.getTextContent()
        const lines = pageLines(content.items.filter((item) => 'str' in item) as PositionedText[])
        pages.push(lines)
        chars += lines.reduce((sum, line) => sum + line.text.length, 0)
        page.cleanup()
      } catch (error) {
        pages.push([])
        if (warnings.length < 20) warnings.push(`page ${number} could not be read (${(error as Error).message})`)
      }
    }
    if (stopped) warnings.push(stopped)
    if (letterCount(pages) < Math.max(1, pages.length) * 2) {
      return { ok: false, reason: 'no-text', detail: 'no text layer (scanned)' }
    }
    const metadata = await document.getMetadata().catch(() => null)
    const info = (metadata?.info ?? {}) as Record<string, unknown>
    const xmp = metadata?.metadata
    const title = usableTitle(info.Title) ?? usableTitle(xmp?.get('dc:title'))
    const authors = authorsOf(info.Author ?? xmp?.get('dc:creator'))
    const body = bodySize(pages)
    const levels = headingLevels(pages, body)
    const builder = new DocBuilder()
    pages.forEach((lines, index) => {
      builder.page = index + 1
      addPage(builder, lines, body, levels)
    })
    const parts: DocParts = {
      ...(title ? { title } : {}),
      aliases: authors,
      blocks: builder.blocks,
      warnings,
      encoding: 'pdf',
      lineCount: 0,
      lineBasis: 'page',
      pageCount
    }
    return { ok: true, parts }
  } finally {
    await task.destroy().catch(() => undefined)
  }
}

/** CPU time this thread has used, in ms (the worker's own, not the process's). */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage()
  return (user + system) / 1000
}
