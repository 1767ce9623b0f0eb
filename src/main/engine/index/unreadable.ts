// The skip of a note whose reading threw, wherever it is read (a prepare worker, this thread, a stream of segments).

/** Reason 'error' and what went wrong, as `status` lists it. */
export function unreadable(error: unknown): { reason: 'error'; detail: string } {
  return { reason: 'error', detail: `could not be read as a note: ${error instanceof Error ? error.message : String(error)}` }
}
