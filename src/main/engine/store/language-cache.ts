// The languages of a chunk table's notes per SQL filter, kept across writes that bring no language new to them.

interface Entry {
  languages: Promise<string[]>
  /** The languages of the answer, once read. */
  known?: ReadonlySet<string>
  /** Written to since it was read: read again at its next use, this answer given meanwhile. */
  stale: boolean
}

/**
 * Reading the languages scans the table's language column (5-55 ms of a search while indexing wrote every few hundred
 * ms, and during indexing every search comes after a write). So after writes that brought no language new to an answer,
 * the answer is given while it is read again; one that may lack a language is read again before it is given. An answer
 * may so still hold a language whose notes were just deleted, which costs a few query terms that match nothing.
 */
export class LanguageCache {
  private readonly entries = new Map<string, Entry>()

  /** `read`: the languages of the rows matching a SQL filter (all rows without one), most rows first. */
  constructor(private readonly read: (where: string | undefined) => Promise<string[]>) {}

  get(where?: string): Promise<string[]> {
    const key = where ?? ''
    const cached = this.entries.get(key)
    if (cached && !cached.stale) return cached.languages
    const reading = this.read(where)
    const entry: Entry = { languages: cached?.languages ?? reading, stale: false, ...(cached?.known ? { known: cached.known } : {}) }
    this.entries.set(key, entry)
    reading.then(
      (languages) => {
        if (this.entries.get(key) !== entry) return
        entry.languages = reading
        entry.known = new Set(languages)
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key)
      }
    )
    return entry.languages
  }

  /** The table was written: every answer is read again at its next use. */
  changed(): void {
    for (const entry of this.entries.values()) entry.stale = true
  }

  /** Rows of these languages (row language tags) are being written: an answer that may lack one of them is dropped. */
  written(languages: Iterable<string>): void {
    const added = new Set([...languages].map(primaryLanguage).filter((lang) => lang !== null))
    for (const [key, entry] of this.entries) {
      if (!entry.known || [...added].some((lang) => !entry.known!.has(lang))) this.entries.delete(key)
    }
  }
}

/** The primary subtag of a row's language, lower-case ("zh-Hans" -> "zh"); null when unknown ("", "und"). */
export function primaryLanguage(lang: string): string | null {
  const primary = lang.split(/[-_]/)[0]!.toLowerCase()
  return primary === '' || primary === 'und' ? null : primary
}
