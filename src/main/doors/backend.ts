// What the outside doors (MCP, HTTP) need from an engine: its read calls. The CLI's read-only engine and the app's engine client both fit.
import type { EngineCalls } from '../engine/contract'

/** The engine calls a door may make: reading only, never indexing or settings. */
export type DoorCallName = 'search' | 'related' | 'status' | 'listNotes' | 'readNoteText'

export interface DoorBackend {
  call<K extends DoorCallName>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]>
  /** Who keeps the index current: the pid of the process indexing the data folder, null when nobody does, 'self' in the app. */
  indexer(): Promise<number | 'self' | null>
}
