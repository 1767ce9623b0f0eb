// Front matter at the top of a Markdown note: title, tags, aliases and language from YAML (`yaml` library) or Hugo's TOML.
import { parse } from 'yaml'
import { uniqueTags } from './note-conventions'

export interface FrontMatter {
  /** Number of source lines the front matter takes, fences included (0 when there is none). */
  lineCount: number
  /** Characters the front matter takes, closing line end included. */
  length: number
  title?: string
  tags: string[]
  /** Other names of the note (`aliases:` / `alias:`), searchable like its title. */
  aliases: string[]
  lang?: string
  warnings: string[]
}

const FENCE = /^---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/
const TOML_FENCE = /^\+\+\+[ \t]*\n(?:([\s\S]*?)\n)?\+\+\+[ \t]*(?:\n|$)/
/** `key = "text"`, `key = 'text'` or `key = ["a", "b"]` on one line: all Semnote reads from TOML front matter. */
const TOML_ENTRY = /^\s*([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]\n]*\])\s*(?:#.*)?$/gm

/** The top-level string and string-array entries of TOML front matter (tables and other types are ignored). */
function readToml(source: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const unquote = (value: string) => (value.startsWith('"') ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value.slice(1, -1))
  const topLevel = source.split(/^\s*\[/m)[0]
  for (const [, key, value] of topLevel.matchAll(TOML_ENTRY)) {
    if (key in fields) continue
    fields[key] = value.startsWith('[') ? (value.match(/"(?:[^"\\]|\\.)*"|'[^']*'/g) ?? []).map(unquote) : unquote(value)
  }
  return fields
}
const MAX_TITLE_CHARS = 300
const MAX_ALIASES = 50

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  return undefined
}

/** Tags from a YAML list or a comma/space separated string; "#" prefixes dropped, duplicates removed. */
function tagList(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.map(scalarText) : typeof value === 'string' ? value.split(/[,\s]+/) : [scalarText(value)]
  return uniqueTags(raw.filter((tag): tag is string => !!tag))
}

/** Aliases from a YAML list or one string (a comma-separated string is one alias, as Obsidian reads it only from lists). */
function aliasList(value: unknown): string[] {
  const raw = (Array.isArray(value) ? value : [value]).map(scalarText).filter((alias): alias is string => !!alias)
  return [...new Set(raw.map((alias) => alias.slice(0, MAX_TITLE_CHARS)))].slice(0, MAX_ALIASES)
}

/** Reads front matter from the start of normalised text ("\n" line ends, no BOM). Never throws. */
export function readFrontMatter(text: string): FrontMatter {
  const yamlMatch = FENCE.exec(text)
  const tomlMatch = yamlMatch ? null : TOML_FENCE.exec(text)
  const match = yamlMatch ?? tomlMatch
  if (!match) return { lineCount: 0, length: 0, tags: [], aliases: [], warnings: [] }
  const block = match[0]
  const lineCount = block.endsWith('\n') ? block.split('\n').length - 1 : block.split('\n').length
  const result: FrontMatter = { lineCount, length: block.length, tags: [], aliases: [], warnings: [] }
  let data: unknown
  if (tomlMatch) data = readToml(match[1] ?? '')
  else {
    try {
      data = parse(match[1] ?? '', { uniqueKeys: false, maxAliasCount: 50 })
    } catch (error) {
      result.warnings.push(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`)
      return result
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return result
  const fields = data as Record<string, unknown>
  const title = scalarText(fields.title)
  if (title) result.title = title.slice(0, MAX_TITLE_CHARS)
  result.tags = tagList(fields.tags ?? fields.tag ?? fields.keywords ?? [])
  result.aliases = aliasList(fields.aliases ?? fields.alias ?? [])
  const lang = scalarText(fields.lang ?? fields.language)
  if (lang && /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(lang)) result.lang = lang.replace(/_/g, '-')
  return result
}
