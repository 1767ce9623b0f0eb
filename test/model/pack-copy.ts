// Test helper: a private, editable copy of a generated pack (the shared cached pack must never be modified).
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PackManifest } from '../../src/main/engine/model/manifest'

export interface PackCopy {
  dir: string
  manifest(): Promise<PackManifest>
  /** Rewrites semnote-pack.json with `change` applied. */
  editManifest(change: (manifest: PackManifest) => object): Promise<void>
  /** Replaces a pack file and records its new SHA-256 in the manifest (a consistent but different pack). */
  replaceFile(relativePath: string, data: string | Uint8Array): Promise<void>
  remove(): Promise<void>
}

/** Copies `packDir` into a fresh temp folder. */
export async function copyPack(packDir: string): Promise<PackCopy> {
  const root = await mkdtemp(join(tmpdir(), 'semnote-pack-'))
  const dir = join(root, 'pack')
  await cp(packDir, dir, { recursive: true })
  const manifestPath = join(dir, 'semnote-pack.json')
  const manifest = async (): Promise<PackManifest> => JSON.parse(await readFile(manifestPath, 'utf8')) as PackManifest
  const editManifest = async (change: (m: PackManifest) => object): Promise<void> =>
    writeFile(manifestPath, JSON.stringify(change(await manifest()), null, 2))
  return {
    dir,
    manifest,
    editManifest,
    async replaceFile(relativePath, data) {
      await writeFile(join(dir, relativePath), data)
      const sha256 = createHash('sha256').update(data).digest('hex')
      await editManifest((m) => ({ ...m, sha256: { ...m.sha256, [relativePath]: sha256 } }))
    },
    remove: () => rm(root, { recursive: true, force: true })
  }
}
