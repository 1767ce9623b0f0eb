// SQL fragments for LanceDB filters: string literals escaped, search filters turned into one WHERE clause.
import type { SearchFilters } from '../../../shared/types'
import { TAG_SEPARATOR } from './schema'

/** A SQL string literal: single quotes doubled; backslashes are literal in LanceDB's SQL dialect. NUL cannot be stored in a path and is rejected. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new Error('SQL string literal cannot contain NUL')
  return `'${value.replaceAll("'", "''")}'`
}

/** A finite number as a SQL literal. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`)
  return String(value)
}

/** `column IN ('a', 'b')`; `false` for an empty list (matches nothing). */
export function sqlIn(column: string, values: readonly string[]): string {
  if (values.length === 0) return 'false'
  return `${column} IN (${values.map(sqlString).join(', ')})`
}

/** ANDs clauses, skipping empty ones; undefined when nothing is left. */
export function sqlAnd(clauses: readonly (string | undefined)[]): string | undefined {
  const kept = clauses.filter((c): c is string => !!c)
  if (kept.length === 0) return undefined
  return kept.map((c) => `(${c})`).join(' AND ')
}

/**
 * Notes carrying any of `tags` (case-insensitive), a tag also matching its nested tags: "area" finds "area" and
 * "area/sub". `false` when the table has no tags column (an older schema still being replaced).
 */
export function tagsWhere(tags: readonly string[], hasTagsColumn = true): string {
  if (!hasTagsColumn) return 'false'
  const clauses = tags
    .map((tag) => tag.replace(/^#+/, '').trim().toLowerCase())
    .filter(Boolean)
    .flatMap((tag) => [`strpos(lower(tags), ${sqlString(TAG_SEPARATOR + tag + TAG_SEPARATOR)}) > 0`, `strpos(lower(tags), ${sqlString(`${TAG_SEPARATOR}${tag}/`)}) > 0`])
  return clauses.length > 0 ? clauses.join(' OR ') : 'false'
}

/**
 * The WHERE clause for search filters (applied identically to the vector and the full-text leg).
 * `modifiedAfter` is inclusive, `modifiedBefore` exclusive. Extensions are compared lower-case without the dot.
 * `hasTagsColumn` is false for a table of an older schema (no tags yet): a tag filter then matches nothing.
 */
export function filtersToWhere(filters: SearchFilters | undefined, hasTagsColumn = true): string | undefined {
  if (!filters) return undefined
  return sqlAnd([
    filters.roots && filters.roots.length > 0 ? sqlIn('root', filters.roots) : undefined,
    filters.pathPrefix ? `starts_with(path, ${sqlString(filters.pathPrefix)})` : undefined,
    filters.extensions && filters.extensions.length > 0
      ? sqlIn('ext', filters.extensions.map((e) => e.replace(/^\./, '').toLowerCase()))
      : undefined,
    filters.modifiedAfter !== undefined ? `mtime >= ${sqlNumber(filters.modifiedAfter)}` : undefined,
    filters.modifiedBefore !== undefined ? `mtime < ${sqlNumber(filters.modifiedBefore)}` : undefined,
    filters.tags && filters.tags.length > 0 ? tagsWhere(filters.tags, hasTagsColumn) : undefined
  ])
}
