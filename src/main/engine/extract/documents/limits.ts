// Limits the document extractors stop at, and the formats they read: shared by the engine side and the worker.

/** Extensions (lower case, no dot) of the formats read in the document worker. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'epub', 'odt'] as const

/** Limits of one PDF; past them extraction stops and keeps what it read (a warning says so). */
export interface PdfLimits {
  /** Pages read at most. */
  maxPages: number
  /** Characters of text kept at most. */
  maxChars: number
  /**
   * Stop reading pages after this much CPU time of the reading thread and keep what was read (the worker's hard,
   * wall-clock limit comes later). CPU time, not wall time: on a busy machine the same PDF must give the same passages,
   * or `semnote check`, which reads it again, would find the index inconsistent.
   */
  softDeadlineCpuMs: number
}

export interface ZipLimits {
  /** Entries in the archive at most (checked from the end-of-central-directory record, before parsing). */
  maxEntries: number
  /** Unpacked bytes of one entry at most. */
  maxEntryBytes: number
  /** Unpacked bytes of all entries read from one archive at most. */
  maxTotalBytes: number
  /** Unpacked / packed size of an entry at most, for entries over 1 MB unpacked (deflate's own limit is about 1,032). */
  maxRatio: number
}

export interface DocumentLimits {
  pdf: PdfLimits
  zip: ZipLimits
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  pdf: { maxPages: 2000, maxChars: 4_000_000, softDeadlineCpuMs: 20_000 },
  zip: { maxEntries: 10_000, maxEntryBytes: 48 * 1024 * 1024, maxTotalBytes: 160 * 1024 * 1024, maxRatio: 200 }
}
