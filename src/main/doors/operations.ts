// The door operations MCP and HTTP share: validate the input, make the engine call, shape the answer. No search logic here.
import type { z } from 'zod'
import type { IndexStatus } from '../../shared/types'
import type { DoorBackend } from './backend'
import {
  checkAsIpc,
  isoTime,
  listNotesInput,
  noteId,
  noteListOutput,
  noteTextOutput,
  parseInput,
  readNoteInput,
  relatedInput,
  relatedOutput,
  searchInput,
  searchOutput,
  statusOutput,
  toSearchOutput,
  toSearchRequest,
  toWireHit
} from './wire'

export type SearchOutput = z.infer<typeof searchOutput>
export type RelatedOutput = z.infer<typeof relatedOutput>
export type NoteTextOutput = z.infer<typeof noteTextOutput>
export type StatusOutput = z.infer<typeof statusOutput>
export type NoteListOutput = z.infer<typeof noteListOutput>

export interface DoorOperations {
  search(input: unknown): Promise<SearchOutput>
  related(input: unknown): Promise<RelatedOutput>
  readNote(input: unknown): Promise<NoteTextOutput>
  status(): Promise<StatusOutput>
  listNotes(input: unknown): Promise<NoteListOutput>
}

/** The operations over one backend (the CLI's read-only engine, or the app's engine client). */
export function doorOperations(backend: DoorBackend): DoorOperations {
  return {
    search: async (input) => toSearchOutput(await backend.call('search', toSearchRequest(parseInput(searchInput, input)))),
    related: async (input) => {
      const { path, limit } = parseInput(relatedInput, input)
      checkAsIpc('related', { path, limit: limit ?? 10 })
      const hits = await backend.call('related', { path, limit: limit ?? 10 })
      return { path, hits: hits.map(toWireHit) }
    },
    readNote: async (input) => {
      const { path, offset, maxChars } = parseInput(readNoteInput, input)
      checkAsIpc('readNote', { path })
      const note = await backend.call('readNoteText', { path, ...(offset !== undefined ? { offset } : {}), ...(maxChars !== undefined ? { maxChars } : {}) })
      const { mtime, ...rest } = note
      return { id: noteId(note.path), ...rest, modified: isoTime(mtime) }
    },
    status: async () => toStatusOutput(await backend.call('status', undefined), await backend.indexer()),
    listNotes: async (input) => {
      const page = await backend.call('listNotes', parseInput(listNotesInput, input ?? {}))
      return { ...page, notes: page.notes.map(({ mtime, ...note }) => ({ id: noteId(note.path), ...note, modified: isoTime(mtime) })) }
    }
  }
}

function toStatusOutput(status: IndexStatus, indexer: number | 'self' | null): StatusOutput {
  const model = status.model
  const detail = 'reason' in model ? model.reason : 'error' in model ? model.error : model.state === 'ready' ? `${model.dimension}-d` : undefined
  return {
    files: status.files,
    chunks: status.chunks,
    roots: status.roots.map(({ path, state, files, chunks }) => ({ path, state, files, chunks })),
    model: { id: model.id, state: model.state, ...(detail !== undefined ? { detail } : {}) },
    health: status.health,
    ...(status.healthDetail !== undefined ? { healthDetail: status.healthDetail } : {}),
    updatedBy: indexer === 'self' ? 'this app' : indexer === null ? 'nobody' : `process ${indexer}`
  }
}
