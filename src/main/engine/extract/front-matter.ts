// YAML front matter at the top of a Markdown note: title, tags and language, parsed with the `yaml` library.
import { parse } from 'yaml'

export interface FrontMatter {
  /** Number of source lines the front matter takes, fences included (0 when there is none). */
  lineCount: number
  /** Characters the front matter takes, closing line end included. */
  length: number
  title?: string
  tags: string[]
  lang?: string
  warnings: string[]
}

const FENCE = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/
const MAX_TITLE_CHARS = 300

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  return undefined
}

/** Tags from a YAML list or a comma/space separated string; "#" prefixes dropped, duplicates removed. */
function tagList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(scalarText) : typeof value === 'string' ? value.split(/[,\s]+/) : [scalarText(value)]
  const tags = raw.map((tag) => tag?.replace(/^#+/, '').trim()).filter((tag): tag is string => !!tag)
  return [...new Set(tags)]
}

/** Reads front matter from the start of normalised text ("\n" line ends, no BOM). Never throws. */
export function readFrontMatter(text: string): FrontMatter {
  const match = FENCE.exec(text)
  if (!match) return { lineCount: 0, length: 0, tags: [], warnings: [] }
  const block = match[0]
  const lineCount = block.endsWith('\n') ? block.split('\n').length - 1 : block.split('\n').length
  const result: FrontMatter = { lineCount, length: block.length, tags: [], warnings: [] }
  let data: unknown
  try {
    data = parse(match[1] ?? '', { uniqueKeys: false, maxAliasCount: 50 })
  } catch (error) {
    result.warnings.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`)
    return result
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return result
  const fields = data as Record<string, unknown>
  const title = scalarText(fields.title)
  if (title) result.title = title.slice(0, MAX_TITLE_CHARS)
  result.tags = tagList(fields.tags ?? fields.tag ?? fields.keywords ?? [])
  const lang = scalarText(fields.lang ?? fields.language)
  if (lang && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(lang)) result.lang = lang.replace(/_/g, '-')
  return result
}
