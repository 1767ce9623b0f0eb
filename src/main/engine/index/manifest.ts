// What the table holds per file (path -> StoredFile), with a lookup by content hash for renames and vector reuse.
import { sep } from 'node:path'
import type { StoredFile } from './ports'

/** The indexer's manifest: a Map of path -> StoredFile that also knows which paths share a content hash. */
export class Manifest extends Map<string, StoredFile> {
  private readonly byHash = new Map<string, Set<string>>()

  /** Records `file` (replacing what was known for its path). */
  remember(file: StoredFile): void {
    this.forget(file.path)
    this.set(file.path, file)
    let paths = this.byHash.get(file.contentHash)
    if (!paths) this.byHash.set(file.contentHash, (paths = new Set()))
    paths.add(file.path)
  }

  /** Drops what was known for `path`. */
  forget(path: string): void {
    const known = this.get(path)
    if (!known) return
    this.delete(path)
    const paths = this.byHash.get(known.contentHash)
    paths?.delete(path)
    if (paths?.size === 0) this.byHash.delete(known.contentHash)
  }

  /** Paths whose content has this hash. */
  withHash(contentHash: string): Iterable<string> {
    return this.byHash.get(contentHash) ?? []
  }

  /** `path` itself (a file) and every known path inside it (a folder). */
  under(path: string): string[] {
    const exact = this.has(path) ? [path] : []
    const prefix = path.endsWith(sep) ? path : path + sep
    return [...exact, ...[...this.keys()].filter((p) => p.startsWith(prefix))]
  }
}
