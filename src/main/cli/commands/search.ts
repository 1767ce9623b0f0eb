// `semnote search "<query>"`: runs a search over the index and prints the notes found (or JSON).
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Engine } from '../../engine/engine'
import { withoutHeadingLine } from '../../../shared/passage'
import { SEARCH_MODES, type NoteHit, type SearchFilters, type SearchMode } from '../../../shared/types'
import { engineOptionsFrom, parseCommand, READ_ONLY, withEngine } from '../common'
import { parseDateOption, UsageError } from '../options'

/** Parses --mode; throws a usage error for anything else. */
export function parseMode(value: string | undefined): SearchMode {
  const mode = (value ?? 'hybrid') as SearchMode
  if (!SEARCH_MODES.includes(mode)) throw new UsageError(`--mode must be one of ${SEARCH_MODES.join(', ')}`)
  return mode
}

/** Parses -k / --limit as a positive integer. */
export function parseLimit(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`-k must be a positive integer, got ${value}`)
  return limit
}

/** Parses repeated --tag options ("#work", "area/sub"; a comma also separates tags) into tags without "#". */
export function parseTags(values: string[]): string[] {
  const tags = values.flatMap((value) => value.split(',')).map((tag) => tag.trim().replace(/^#+/, '')).filter(Boolean)
  if (tags.length === 0) throw new UsageError('--tag needs a tag name')
  return [...new Set(tags)]
}

/** Runs the search command; resolves to the exit code. */
export async function runSearch(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    mode: { type: 'string' },
    limit: { type: 'string', short: 'k' },
    root: { type: 'string', multiple: true },
    'path-prefix': { type: 'string' },
    ext: { type: 'string' },
    after: { type: 'string' },
    before: { type: 'string' },
    tag: { type: 'string', multiple: true },
    all: { type: 'boolean', default: false }
  })
  if (positionals.length === 0) throw new UsageError('search: give a query')
  if (positionals.join(' ').trim() === '') throw new UsageError('search: the query is empty')
  const filters: SearchFilters = {
    ...(values['path-prefix'] ? { pathPrefix: resolve(values['path-prefix']) } : {}),
    ...(values.ext ? { extensions: values.ext.split(',').map((e) => e.trim().replace(/^\./, '').toLowerCase()).filter(Boolean) } : {}),
    ...(values.after ? { modifiedAfter: parseDateOption(values.after, 'after') } : {}),
    ...(values.before ? { modifiedBefore: parseDateOption(values.before, 'before') } : {}),
    ...(values.tag ? { tags: parseTags(values.tag) } : {})
  }
  const request = { query: positionals.join(' '), mode: parseMode(values.mode), limit: parseLimit(values.limit, 10), filters }
  const response = await withEngine(engineOptionsFrom(values), READ_ONLY, async (engine) => {
    if (values.root) filters.roots = await indexedRoots(engine, values.root)
    return engine.call('search', request)
  })
  if (values.json) {
    console.log(JSON.stringify(response))
    return 0
  }
  if (!response.semanticAvailable && request.mode !== 'keyword') console.error('(no model: keyword search only)')
  if (response.hits.length === 0) console.log('No matching notes.')
  for (const line of formatHits(response.hits, values.all)) console.log(line)
  return 0
}

/** The indexed roots that --root names (real paths); a usage error for a folder that is missing or not indexed. */
async function indexedRoots(engine: Engine, given: string[]): Promise<string[]> {
  const roots = (await engine.call('status', undefined)).roots.map((r) => r.path)
  const found: string[] = []
  for (const name of given) {
    const real = await realpath(resolve(name)).catch(() => null)
    if (!real) throw new UsageError(`--root ${name}: folder not found`)
    if (!roots.includes(real)) {
      throw new UsageError(`--root ${name}: not an indexed folder (indexed: ${roots.join(', ') || 'none'}); --path-prefix finds the notes of a folder inside one`)
    }
    found.push(real)
  }
  return found
}

/**
 * The hits as printed: the strong matches, then the relevance fold as one separator line counting the weaker matches
 * (folded, as in the app); `all` prints every hit and no separator.
 */
export function formatHits(hits: readonly NoteHit[], all: boolean): string[] {
  if (all) return hits.map((hit, i) => formatHit(hit, i + 1))
  const strong = hits.filter((hit) => hit.strong)
  const lines = strong.map((hit, i) => formatHit(hit, i + 1))
  if (strong.length < hits.length) lines.push(foldLine(hits.length - strong.length))
  return lines
}

/** The separator that stands for the weaker matches below the fold. */
export function foldLine(weaker: number): string {
  return `    ---- ${weaker} weaker ${weaker === 1 ? 'match' : 'matches'} (--all shows them) ----`
}

/** Two lines per note: rank, score, path (and line, or "p. N" for a PDF page), title, why and tags; then the best passage on one line. */
export function formatHit(hit: NoteHit, rank: number): string {
  const passage = withoutHeadingLine(hit.passage).text.replace(/\s+/g, ' ').trim()
  const excerpt = passage.length > 160 ? `${passage.slice(0, 157)}...` : passage
  const where = hit.passage.page ? `${hit.path} p. ${hit.passage.page}` : `${hit.path}:${hit.passage.lineStart}`
  const heading = hit.passage.heading ? `${hit.passage.heading} | ` : ''
  const tags = hit.tags?.length ? `  ${hit.tags.map((tag) => `#${tag}`).join(' ')}` : ''
  return `${String(rank).padStart(2)}. ${hit.score.toFixed(2)}  ${where}  "${hit.title}"  [${hit.reasons.join('+')}]${tags}\n      ${heading}${excerpt}`
}
