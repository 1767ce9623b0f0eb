// The doors' wire format (MCP and HTTP alike): input schemas that end in the IPC schemas, and what a hit looks like outside.
import { z } from 'zod'
import { SemnoteError } from '../../shared/errors'
import { withoutHeadingLine } from '../../shared/passage'
import { SEARCH_MODES, type NoteHit, type SearchRequest, type SearchResponse } from '../../shared/types'
import { MAX_PAGE_NOTES, MAX_SLICE_CHARS } from '../engine/facade/note-reading'
import { parseApiArg } from '../ipc/schemas'
import { pathString } from '../settings'

/** A date filter: YYYY-MM-DD (UTC midnight) or an ISO 8601 timestamp. */
const dateInput = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'a date is YYYY-MM-DD or an ISO 8601 timestamp')
  .refine((value) => Number.isFinite(Date.parse(value)), 'not a real date')

/** search_notes and GET /v1/search, before it becomes a SearchRequest (checked again by the IPC schema). */
export const searchInput = z.strictObject({
  query: z
    .string()
    .min(1)
    .max(2000)
    .describe('What to look for, in any language and in your own words: a question, a phrase or keywords. Notes in other languages are found too.'),
  mode: z
    .enum(SEARCH_MODES)
    .optional()
    .describe('hybrid (default): meaning and exact words together. semantic: meaning only (best across languages). keyword: exact words only (names, codes).'),
  limit: z.number().int().min(1).max(50).optional().describe('Notes to return (default 10, at most 50).'),
  offset: z.number().int().min(0).max(10_000).optional().describe('Notes to skip, for the next page of results.'),
  folder: pathString.optional().describe('Only notes under this folder (an absolute path, e.g. one of the roots index_status lists).'),
  extensions: z
    .array(z.string().regex(/^[a-z0-9]{1,16}$/, 'extensions are lower-case, without the dot'))
    .max(20)
    .optional()
    .describe('Only these file types, lower-case without the dot, e.g. ["md", "txt"].'),
  modifiedAfter: dateInput.optional().describe('Only notes modified on or after this date (YYYY-MM-DD or ISO 8601).'),
  modifiedBefore: dateInput.optional().describe('Only notes modified before this date (YYYY-MM-DD or ISO 8601).')
})
export type SearchInput = z.infer<typeof searchInput>

export const relatedInput = z.strictObject({
  path: pathString.describe('Absolute path of an indexed note (as search_notes returns it).'),
  limit: z.number().int().min(1).max(50).optional().describe('Notes to return (default 10, at most 50).')
})

export const readNoteInput = z.strictObject({
  path: pathString.describe('Absolute path of an indexed note (as search_notes returns it). Only notes inside the indexed folders can be read.'),
  offset: z.number().int().min(0).max(1_000_000_000).optional().describe('Character offset to start from (nextOffset of the previous slice).'),
  maxChars: z.number().int().min(1).max(MAX_SLICE_CHARS).optional().describe(`Characters to return (default 20000, at most ${MAX_SLICE_CHARS}).`)
})

export const listNotesInput = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_NOTES).optional()
})

/** The engine's SearchRequest for a door's input, validated by the same schema as the app's IPC. */
export function toSearchRequest(input: SearchInput): SearchRequest {
  const request: SearchRequest = {
    query: input.query,
    ...(input.mode ? { mode: input.mode } : {}),
    limit: input.limit ?? 10,
    ...(input.offset !== undefined ? { offset: input.offset } : {}),
    // Doors return passages as plain text, without the sentence tint: no model call for it.
    scoreSentences: false,
    filters: {
      ...(input.folder !== undefined ? { pathPrefix: input.folder } : {}),
      ...(input.extensions !== undefined ? { extensions: input.extensions } : {}),
      ...(input.modifiedAfter !== undefined ? { modifiedAfter: Date.parse(input.modifiedAfter) } : {}),
      ...(input.modifiedBefore !== undefined ? { modifiedBefore: Date.parse(input.modifiedBefore) } : {})
    }
  }
  const parsed = parseApiArg('search', request)
  if (!parsed.ok) throw new SemnoteError('INVALID_PAYLOAD', parsed.reason)
  return parsed.value
}

/** Checks an engine argument with the app's IPC schema for that call (the same gate the windows pass). */
export function checkAsIpc<K extends 'search' | 'related' | 'readNote'>(name: K, arg: unknown): void {
  const parsed = parseApiArg(name, arg)
  if (!parsed.ok) throw new SemnoteError('INVALID_PAYLOAD', parsed.reason)
}

/** Validates a door input against its schema; a typed INVALID_PAYLOAD error with the first problems otherwise. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    .join('; ')
  throw new SemnoteError('INVALID_PAYLOAD', reason)
}

/** A note's id in URLs: the base64url of its absolute path (resolved only inside the indexed roots when used). */
export function noteId(path: string): string {
  return Buffer.from(path, 'utf8').toString('base64url')
}

/** The path an id stands for; INVALID_PAYLOAD for anything that is not the id of an absolute path. */
export function pathOfNoteId(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,6000}$/.test(id)) throw new SemnoteError('INVALID_PAYLOAD', 'A note id is the base64url of the note path.')
  const path = Buffer.from(id, 'base64url').toString('utf8')
  if (noteId(path) !== id || !pathString.safeParse(path).success || !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) {
    throw new SemnoteError('INVALID_PAYLOAD', 'This id does not name an absolute note path.')
  }
  return path
}

const reasonSchema = z.enum(['keyword', 'translated', 'semantic'])

/** One note found, as the doors return it. */
export const hitSchema = z.object({
  id: z.string().describe('Note id for GET /v1/notes/{id}'),
  path: z.string().describe('Absolute path of the note'),
  root: z.string().describe('The indexed folder it belongs to'),
  title: z.string(),
  ext: z.string(),
  heading: z.string().describe('Heading path of the passage, e.g. "Travel > Kyoto"; empty above any heading'),
  lineStart: z.number().int().describe('First line of the passage in the file (1-based)'),
  lineEnd: z.number().int(),
  passage: z.string().describe('The best matching passage (plain text)'),
  score: z.number().describe('Relevance in [0, 1]; 1 for the best hit of the query'),
  matchedBy: z.array(reasonSchema).describe('keyword: the words matched; translated: their translations into the note\'s language matched; semantic: the meaning matched (also across languages)'),
  strong: z.boolean().describe('Above the relevance fold: one of the strong matches of this query (the rest are weaker matches)'),
  modified: z.string().describe('Last modification, ISO 8601')
})
export type WireHit = z.infer<typeof hitSchema>

export const searchOutput = z.object({
  query: z.string(),
  mode: z.enum(SEARCH_MODES),
  total: z.number().int().describe('Matching notes available for paging'),
  offset: z.number().int(),
  semanticAvailable: z.boolean().describe('False when no embedding model is loaded: the query ran as keyword search'),
  hits: z.array(hitSchema)
})

export const relatedOutput = z.object({ path: z.string(), hits: z.array(hitSchema) })

export const noteTextOutput = z.object({
  id: z.string(),
  path: z.string(),
  root: z.string(),
  title: z.string(),
  ext: z.string(),
  modified: z.string(),
  size: z.number().int().describe('File size in bytes'),
  text: z.string().describe('Plain text of the note (markup stripped) from offset'),
  offset: z.number().int(),
  totalChars: z.number().int(),
  nextOffset: z.number().int().nullable().describe('Where the next slice starts; null at the end of the note')
})

export const statusOutput = z.object({
  files: z.number().int(),
  chunks: z.number().int(),
  roots: z.array(z.object({ path: z.string(), state: z.enum(['scanning', 'watching', 'polling', 'indexed', 'missing', 'error']), files: z.number().int(), chunks: z.number().int() })),
  model: z.object({ id: z.string(), state: z.string(), detail: z.string().optional() }),
  health: z.string(),
  healthDetail: z.string().optional(),
  updatedBy: z.string().describe('Who keeps the index current: "this app", "process <pid>", or "nobody" (the index is not updated until the Semnote app or `semnote index --watch` runs)')
})

export const noteListOutput = z.object({
  notes: z.array(z.object({ id: z.string(), path: z.string(), root: z.string(), modified: z.string(), size: z.number().int(), chunks: z.number().int() })),
  total: z.number().int(),
  offset: z.number().int()
})

export const errorOutput = z.object({ error: z.object({ code: z.string(), message: z.string() }) })

/** Epoch milliseconds as ISO 8601. */
export const isoTime = (ms: number): string => new Date(ms).toISOString()

/** A hit as the doors return it: the passage as plain text without the heading line repeated. */
export function toWireHit(hit: NoteHit): WireHit {
  return {
    id: noteId(hit.path),
    path: hit.path,
    root: hit.root,
    title: hit.title,
    ext: hit.ext,
    heading: hit.passage.heading,
    lineStart: hit.passage.lineStart,
    lineEnd: hit.passage.lineEnd,
    passage: withoutHeadingLine(hit.passage).text,
    score: Math.round(hit.score * 1000) / 1000,
    matchedBy: hit.reasons,
    strong: hit.strong,
    modified: isoTime(hit.mtime)
  }
}

export function toSearchOutput(response: SearchResponse): z.infer<typeof searchOutput> {
  return { query: response.query, mode: response.mode, total: response.total, offset: response.offset, semanticAvailable: response.semanticAvailable, hits: response.hits.map(toWireHit) }
}
