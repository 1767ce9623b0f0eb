// The document formats read in the isolated worker (PDF, Word, EPUB, OpenDocument text), by extension.
import type { ExtractorOutcome } from '../types'
import { extractDocx } from './docx'
import { extractEpub } from './epub'
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './limits'
import { extractOdt } from './odt'
import { extractPdf } from './pdf'

/** Extracts one document by its extension (called inside the worker). */
export function extractDocument(ext: string, bytes: Uint8Array, limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS): Promise<ExtractorOutcome> {
  switch (ext) {
    case 'pdf':
      return extractPdf(bytes, limits.pdf)
    case 'docx':
      return extractDocx(bytes, limits.zip)
    case 'epub':
      return extractEpub(bytes, limits.zip)
    case 'odt':
      return extractOdt(bytes, limits.zip)
    default:
      return Promise.resolve({ ok: false, reason: 'unsupported-type', detail: `no extractor for .${ext} files` })
  }
}
