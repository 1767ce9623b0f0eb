// The HTTP API's routes: each maps its query parameters onto a door operation's input (validated there, as over MCP).
import type { z } from 'zod'
import { SemnoteError } from '../../../shared/errors'
import type { DoorOperations } from '../operations'
import { listNotesInput, pathOfNoteId, readNoteInput, relatedInput, searchInput } from '../wire'

/** One query parameter: its name in the URL, the input field it fills, and how its text becomes the field's value. */
export interface ParamSpec {
  name: string
  field: string
  kind: 'text' | 'integer' | 'list'
  required?: boolean
}

export interface Route {
  /** Path pattern; `{id}` matches one segment. */
  path: string
  summary: string
  params: ParamSpec[]
  /** The input schema its parameters fill (documented in the OpenAPI parameters). */
  input: z.ZodObject | null
  /** Names the output schema in the OpenAPI components. */
  output: 'SearchResult' | 'RelatedResult' | 'NoteText' | 'Status' | 'NoteList' | 'OpenApi'
  run(ops: DoorOperations, input: Record<string, unknown>, pathId: string | undefined): Promise<unknown>
}

const integer = (name: string, field = name): ParamSpec => ({ name, field, kind: 'integer' })
const text = (name: string, field = name, required = false): ParamSpec => ({ name, field, kind: 'text', required })

export const ROUTES: Route[] = [
  {
    path: '/v1/search',
    summary: 'Search the notes by meaning and words, in any language (cross-lingual by default)',
    params: [text('q', 'query', true), text('mode'), integer('limit'), integer('offset'), text('folder'), { name: 'ext', field: 'extensions', kind: 'list' }, text('after', 'modifiedAfter'), text('before', 'modifiedBefore')],
    input: searchInput,
    output: 'SearchResult',
    run: (ops, input) => ops.search(input)
  },
  {
    path: '/v1/related',
    summary: 'Notes closest in meaning to one note (give id or path)',
    params: [text('id', 'id'), text('path'), integer('limit')],
    input: relatedInput,
    output: 'RelatedResult',
    run: (ops, { id, ...input }) => ops.related(id === undefined ? input : { ...input, path: pathFromId(id, input.path) })
  },
  { path: '/v1/status', summary: 'What is indexed, the model, and who keeps the index current', params: [], input: null, output: 'Status', run: (ops) => ops.status() },
  {
    path: '/v1/notes',
    summary: 'The indexed notes in path order, a page at a time',
    params: [integer('offset'), integer('limit')],
    input: listNotesInput,
    output: 'NoteList',
    run: (ops, input) => ops.listNotes(input)
  },
  {
    path: '/v1/notes/{id}',
    summary: 'A note as plain text (markup stripped), a slice at a time; only notes inside the indexed folders',
    params: [integer('offset'), integer('maxChars')],
    input: readNoteInput,
    output: 'NoteText',
    run: (ops, input, id) => ops.readNote({ ...input, path: pathFromId(id, undefined) })
  }
]

function pathFromId(id: unknown, path: unknown): string {
  if (path !== undefined) throw new SemnoteError('INVALID_PAYLOAD', 'give either id or path, not both')
  return pathOfNoteId(String(id))
}

/** Finds the route for a URL path; the `{id}` segment is returned decoded. */
export function matchRoute(pathname: string): { route: Route; id?: string } | null {
  for (const route of ROUTES) {
    if (!route.path.includes('{id}')) {
      if (route.path === pathname) return { route }
      continue
    }
    const prefix = route.path.slice(0, route.path.indexOf('{id}'))
    const rest = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : null
    if (rest !== null && rest !== '' && !rest.includes('/')) return { route, id: rest }
  }
  return null
}

/**
 * Turns the query string into the route's input: unknown or repeated parameters are refused; integers must be digits
 * (anything else reaches the schema as text and is refused there, with the field named).
 */
export function inputFromQuery(route: Route, query: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  const known = new Map(route.params.map((p) => [p.name, p]))
  for (const name of new Set(query.keys())) {
    const spec = known.get(name)
    if (!spec) throw new SemnoteError('INVALID_PAYLOAD', `unknown parameter "${name.slice(0, 40)}"; ${route.path} takes ${route.params.map((p) => p.name).join(', ') || 'none'}`)
    const values = query.getAll(name)
    if (spec.kind !== 'list' && values.length > 1) throw new SemnoteError('INVALID_PAYLOAD', `parameter "${name}" is given more than once`)
    const value = values[0]!
    input[spec.field] = spec.kind === 'integer' ? (/^\d{1,12}$/.test(value) ? Number(value) : value) : spec.kind === 'list' ? values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean) : value
  }
  for (const spec of route.params) if (spec.required && input[spec.field] === undefined) throw new SemnoteError('INVALID_PAYLOAD', `parameter "${spec.name}" is required`)
  return input
}
