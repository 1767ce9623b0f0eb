// Locale-aware formatting for dates, counts, sizes and durations shown in the UI.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "3 days ago" style text for recent times, a short date for older ones. */
export function formatRelativeDate(epochMs: number, locale: string, now = Date.now()): string {
  const diff = epochMs - now
  const abs = Math.abs(diff)
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (abs < HOUR) return rtf.format(Math.round(diff / MINUTE), 'minute')
  if (abs < DAY) return rtf.format(Math.round(diff / HOUR), 'hour')
  if (abs < 7 * DAY) return rtf.format(Math.round(diff / DAY), 'day')
  return formatDate(epochMs, locale)
}

/** A medium date, e.g. "Mar 4, 2026" / "2026年3月4日". */
export function formatDate(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(epochMs))
}

/** A grouped integer, e.g. 12,345. */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(Math.round(value))
}

/** Bytes as B/KB/MB/GB with one decimal above a kilobyte. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const digits = unit === 0 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`
}

/** Seconds as "1:05:09" / "4:07" / "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}

/** The last segment of a path (works with / and \\ separators). */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '')
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1) || trimmed
}

/** What a note is called: its title, else its file name. */
export function noteName(note: { title?: string; path: string }): string {
  return note.title || baseName(note.path)
}

/** The folder of `path` relative to `root` ("" at the root itself). */
export function folderWithinRoot(path: string, root: string): string {
  const rel = path.startsWith(root) ? path.slice(root.length).replace(/^[\\/]+/, '') : path
  const cut = Math.max(rel.lastIndexOf('/'), rel.lastIndexOf('\\'))
  return cut > 0 ? rel.slice(0, cut) : ''
}
