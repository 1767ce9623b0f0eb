// Finds the model pack to use: the requested id in the model folders, else any other valid pack found there.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SemnoteError } from '../../../shared/errors'
import { PACK_MANIFEST_FILE } from '../model/manifest'

/** A folder that holds a semnote-pack.json, with the id it declares. */
export interface PackCandidate {
  dir: string
  id: string
}

/** Pack folders in `modelDirs` (each dir itself and its direct sub-folders), in search order. */
export async function findPacks(modelDirs: readonly string[]): Promise<PackCandidate[]> {
  const found: PackCandidate[] = []
  for (const base of modelDirs) {
    const dirs = [base, ...(await readdir(base, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(base, entry.name))
      .sort()]
    for (const dir of dirs) {
      const id = await declaredId(dir)
      if (id) found.push({ dir, id })
    }
  }
  return found
}

async function declaredId(dir: string): Promise<string | null> {
  try {
    const json = JSON.parse(await readFile(join(dir, PACK_MANIFEST_FILE), 'utf8')) as { id?: unknown }
    return typeof json.id === 'string' ? json.id : null
  } catch {
    return null
  }
}

export type EmbedderChoice<T> = { ok: true; embedder: T; dir: string; fallbackFrom?: string } | { ok: false; id: string; reason: string }

/**
 * Opens the pack with `wantedId` (the loader verifies checksums and the graph); when it is absent or broken,
 * the first other pack that opens. Never throws: when nothing opens, says why.
 */
export async function openBestPack<T extends { id: string }>(
  modelDirs: readonly string[],
  wantedId: string,
  open: (dir: string) => Promise<T>
): Promise<EmbedderChoice<T>> {
  const candidates = await findPacks(modelDirs)
  const ordered = [...candidates.filter((c) => c.id === wantedId), ...candidates.filter((c) => c.id !== wantedId)]
  const problems: string[] = []
  for (const candidate of ordered) {
    try {
      const embedder = await open(candidate.dir)
      return { ok: true, embedder, dir: candidate.dir, ...(embedder.id !== wantedId ? { fallbackFrom: wantedId } : {}) }
    } catch (error) {
      problems.push(error instanceof SemnoteError ? error.message : String(error))
    }
  }
  const searched = modelDirs.length ? modelDirs.join(', ') : 'no model folders'
  const reason = problems.length
    ? `No usable model pack. ${problems.join(' ')}`
    : `Model "${wantedId}" is not installed (searched ${searched}). Semantic search is off; keyword search works.`
  return { ok: false, id: wantedId, reason }
}
