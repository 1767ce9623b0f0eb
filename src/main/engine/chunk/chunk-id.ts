// Stable chunk ids: the same file, position and content always give the same id.
import { createHash } from 'node:crypto'

/**
 * Id of a chunk: SHA-256 of path, ordinal and content (32 hex characters). Pass the chunk's `embedText` as `text`
 * so a changed title or heading path, which changes the vector, also changes the id.
 */
export function chunkId(path: string, ordinal: number, text: string): string {
  return createHash('sha256').update(path).update('\0').update(String(ordinal)).update('\0').update(text).digest('hex').slice(0, 32)
}
