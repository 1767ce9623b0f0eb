// The MCP server: four read-only tools and every indexed note as a resource, over the door operations (same checks as IPC).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { ErrorCode, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, McpError, ReadResourceRequestSchema } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import { toErrorData } from '../../error-codes'
import type { DoorBackend } from '../backend'
import { doorOperations } from '../operations'
import { noteTextOutput, readNoteInput, relatedInput, relatedOutput, searchInput, searchOutput, statusOutput } from '../wire'
import { NOTE_URI_TEMPLATE, noteUri, pathOfNoteUri } from './note-uri'
import { renderNote, renderRelated, renderSearch, renderStatus } from './render'

/** Resources per resources/list page: a big index is listed page by page, never as one giant list. */
export const RESOURCE_PAGE = 100
/** A resource read returns at most this many characters; read_note pages through longer notes. */
const RESOURCE_CHARS = 100_000

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const

const SEARCH_DESCRIPTION = `Search the user's own notes (Markdown, text and HTML files on this computer, indexed by Semnote) by meaning and by words.
Write the query in any language and in natural words: search is cross-lingual by default, so "loud music at night" also finds a note written in Chinese or Japanese, and a Chinese query finds English notes. Do not translate the query first, and prefer one search with the user's own words over many keyword variants.
Returns the best notes first, each with its path, title, section heading, line number, the best matching passage, a relevance score (1 = best of this query) and why it matched (words, meaning, or both). Use read_note with a path to read a note in full, related_notes to find notes on the same topic. Filters: folder, file types, modification dates; mode keyword for exact names or codes.`

/** Builds the server; `connect` it to a transport (stdio for `semnote mcp`). */
export function createMcpServer(backend: DoorBackend, version: string): McpServer {
  const ops = doorOperations(backend)
  const server = new McpServer(
    { name: 'semnote', title: 'Semnote: your notes, by meaning', version },
    {
      instructions:
        'Semnote searches the notes on this computer by meaning, across languages. Use search_notes first (in any language), then read_note for the notes you need. Everything is read-only and local.'
    }
  )

  server.registerTool(
    'search_notes',
    { title: 'Search notes', description: SEARCH_DESCRIPTION, inputSchema: searchInput, outputSchema: searchOutput, annotations: READ_ONLY },
    async (input) => answer(() => ops.search(input), renderSearch)
  )
  server.registerTool(
    'related_notes',
    {
      title: 'Related notes',
      description:
        'Notes closest in meaning to one note (in any language), e.g. to gather everything the user wrote on the topic of a note found by search_notes. Give the absolute path as search_notes returned it.',
      inputSchema: relatedInput,
      outputSchema: relatedOutput,
      annotations: READ_ONLY
    },
    async (input) => answer(() => ops.related(input), renderRelated)
  )
  server.registerTool(
    'read_note',
    {
      title: 'Read a note',
      description:
        'Read one note as plain text (markup removed), up to 20,000 characters at a time: when nextOffset is not null, call again with offset = nextOffset for the rest. Only notes inside the folders Semnote indexes can be read; any other path (.., symbolic links pointing out, other absolute paths) is refused.',
      inputSchema: readNoteInput,
      outputSchema: noteTextOutput,
      annotations: READ_ONLY
    },
    async (input) => answer(() => ops.readNote(input), renderNote)
  )
  server.registerTool(
    'index_status',
    {
      title: 'Index status',
      description:
        'What Semnote has indexed: the folders, note and passage counts, the embedding model, index health, and whether something keeps the index up to date. Call it when a search finds nothing, to see whether the folder is indexed at all.',
      inputSchema: z.strictObject({}),
      outputSchema: statusOutput,
      annotations: READ_ONLY
    },
    async () => answer(() => ops.status(), renderStatus)
  )

  registerNoteResources(server, ops)
  return server
}

/** A tool result: structured content plus its readable rendering, or a clear error the model can act on. */
async function answer<T extends Record<string, unknown>>(run: () => Promise<T>, render: (value: T) => string) {
  try {
    const value = await run()
    return { structuredContent: value, content: [{ type: 'text' as const, text: render(value) }] }
  } catch (error) {
    const { code, message } = toErrorData(error)
    return { isError: true, content: [{ type: 'text' as const, text: `${code}: ${message}` }] }
  }
}

/**
 * Notes as resources, on the low-level server because McpServer's resource list has no paging: resources/list pages
 * through the index (cursor = offset), resources/read reads one note (inside the roots only, as read_note).
 */
function registerNoteResources(server: McpServer, ops: ReturnType<typeof doorOperations>): void {
  const low = server.server
  low.registerCapabilities({ resources: {} })
  low.setRequestHandler(ListResourcesRequestSchema, async (request) => {
    const cursor = request.params?.cursor
    if (cursor !== undefined && !/^\d{1,9}$/.test(cursor)) throw new McpError(ErrorCode.InvalidParams, 'Invalid cursor: pass nextCursor as it was returned')
    const offset = cursor === undefined ? 0 : Number(cursor)
    const page = await ops.listNotes({ offset, limit: RESOURCE_PAGE }).catch(rethrowAsMcp)
    const next = page.offset + page.notes.length
    return {
      resources: page.notes.map((note) => ({
        uri: noteUri(note.root, note.path),
        name: note.path.slice(note.root.length).replace(/^[\\/]/, '') || note.path,
        mimeType: 'text/plain',
        size: note.size
      })),
      ...(next < page.total ? { nextCursor: String(next) } : {})
    }
  })
  low.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      {
        uriTemplate: NOTE_URI_TEMPLATE,
        name: 'note',
        title: 'A note',
        description: 'One indexed note as plain text: root is the indexed folder (percent-encoded), path the file inside it.',
        mimeType: 'text/plain'
      }
    ]
  }))
  low.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri
    const note = await Promise.resolve()
      .then(() => ops.readNote({ path: pathOfNoteUri(uri), maxChars: RESOURCE_CHARS }))
      .catch(rethrowAsMcp)
    const more = note.nextOffset !== null ? `\n\n[truncated at ${note.nextOffset} of ${note.totalChars} characters; read_note with offset ${note.nextOffset} continues]` : ''
    return { contents: [{ uri, mimeType: 'text/plain', text: `${note.text}${more}` }] }
  })
}

function rethrowAsMcp(error: unknown): never {
  const { code, message } = toErrorData(error)
  throw new McpError(code === 'INTERNAL' || code === 'ENGINE_UNAVAILABLE' ? ErrorCode.InternalError : ErrorCode.InvalidParams, `${code}: ${message}`)
}
