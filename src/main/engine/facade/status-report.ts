// Builds the engine's IndexStatus from the manifest, the roots and the indexer's skip and warning lists.
import type { FileWarning, IndexProgress, IndexStatus, ModelState, RootState, SkippedFile, TagCount } from '../../../shared/types'
import type { StoredFile } from '../index/ports'

export interface StatusParts {
  manifest: ReadonlyMap<string, StoredFile>
  roots: ReadonlyMap<string, { state: RootState; error?: string }>
  skipped: Iterable<SkippedFile>
  warnings: Iterable<FileWarning>
  model: ModelState
  progress: IndexProgress
  healthDetail: string | undefined
  /** Why the index is being rebuilt while the previous one answers searches (an index format upgrade). */
  rebuildingDetail?: string
  tags: TagCount[]
  diskBytes: number
}

/** The status the engine reports: per-root counts from the manifest, sorted skip and warning lists, health. */
export function buildStatus(parts: StatusParts): IndexStatus {
  const perRoot = new Map<string, { files: number; chunks: number }>()
  let chunks = 0
  for (const file of parts.manifest.values()) {
    const counts = perRoot.get(file.root) ?? { files: 0, chunks: 0 }
    counts.files++
    counts.chunks += file.chunkIds.length
    chunks += file.chunkIds.length
    perRoot.set(file.root, counts)
  }
  const anyMissing = [...parts.roots.values()].some((r) => r.state === 'missing')
  return {
    roots: [...parts.roots].map(([path, entry]) => ({
      path,
      state: entry.state,
      files: perRoot.get(path)?.files ?? 0,
      chunks: perRoot.get(path)?.chunks ?? 0,
      ...(entry.error ? { error: entry.error } : {})
    })),
    files: parts.manifest.size,
    chunks,
    skipped: [...parts.skipped].sort((a, b) => a.path.localeCompare(b.path)),
    warnings: [...parts.warnings].sort((a, b) => a.path.localeCompare(b.path)),
    model: parts.model,
    progress: parts.progress,
    health: parts.healthDetail ? 'damaged' : parts.rebuildingDetail ? 'rebuilding' : 'ok',
    ...(parts.healthDetail
      ? { healthDetail: parts.healthDetail }
      : parts.rebuildingDetail
        ? { healthDetail: parts.rebuildingDetail }
        : anyMissing
          ? { healthDetail: 'a root folder is missing; its notes are kept until it returns' }
          : {}),
    tags: parts.tags,
    diskBytes: parts.diskBytes
  }
}
