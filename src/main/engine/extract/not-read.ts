// Document formats people keep beside their notes that Semnote does not read: listed as skipped with why, never silently.
import { extname } from 'node:path'

const OLD_WORD = 'Word 97-2003 documents are not read; save it as .docx'
const PRESENTATION = 'presentations are not read'
const SPREADSHEET = 'spreadsheets are not read'

/** Extension (lower case, no dot) -> why it is not read. */
const NOT_READ: Record<string, string> = {
  doc: OLD_WORD,
  dot: OLD_WORD,
  docm: 'macro-enabled Word documents are not read (macros are never run); save it as .docx',
  dotx: 'Word templates are not read',
  rtf: 'RTF documents are not read; save it as .docx or .odt',
  pages: 'Apple Pages documents are not read; export it as .docx or PDF',
  ppt: PRESENTATION,
  pptx: PRESENTATION,
  odp: PRESENTATION,
  key: PRESENTATION,
  xls: SPREADSHEET,
  xlsx: SPREADSHEET,
  ods: SPREADSHEET,
  numbers: SPREADSHEET,
  mobi: 'Kindle books are not read; EPUB is',
  azw: 'Kindle books are not read; EPUB is',
  azw3: 'Kindle books are not read; EPUB is',
  djvu: 'DjVu documents are not read; PDF is',
  xps: 'XPS documents are not read; PDF is',
  oxps: 'XPS documents are not read; PDF is'
}

/** Why a file of a known document format is not indexed; null for any other file (which is just not a note). */
export function notReadReason(path: string): string | null {
  return NOT_READ[extname(path).slice(1).toLowerCase()] ?? null
}
