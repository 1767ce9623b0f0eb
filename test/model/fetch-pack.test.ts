// End to end: a real (generated) model pack served over HTTP, provisioned, then loaded by the pack loader and embedder.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogEntry } from '../../src/main/engine/model/catalog'
import { Embedder } from '../../src/main/engine/model/embedder'
import { provisionPack } from '../../src/main/engine/model/fetch'
import { PACK_MANIFEST_FILE, packManifestSchema } from '../../src/main/engine/model/manifest'
import { loadPack } from '../../src/main/engine/model/pack'
import { getTinyPack } from '../helpers/test-model'
import { FIXTURE_REVISION, removeTempDirs, startFixtureServer, tempDir, type FixtureServer } from './fetch-fixtures'

let sourceDir: string
let entry: CatalogEntry
let server: FixtureServer

beforeAll(async () => {
  sourceDir = await getTinyPack()
  const { sha256, ...manifest } = packManifestSchema.parse(JSON.parse(readFileSync(join(sourceDir, PACK_MANIFEST_FILE), 'utf8')))
  entry = {
    repo: 'test-owner/tiny-model',
    revision: FIXTURE_REVISION,
    files: Object.entries(sha256).map(([path, hash]) => ({ path, sha256: hash })),
    manifest
  }
  server = await startFixtureServer({ dir: sourceDir, entry, bytes: (path) => readFileSync(join(sourceDir, path)) })
})
afterAll(async () => {
  await server?.close()
  removeTempDirs()
})

describe('a provisioned pack', () => {
  it('loads with the pack loader and embeds exactly like the original folder', async () => {
    const dest = join(tempDir('provisioned'), entry.manifest.id)
    await provisionPack(entry, { destDir: dest, mirror: server.mirror })

    const loaded = await loadPack(dest)
    expect(loaded.manifest.sha256).toEqual(Object.fromEntries(entry.files.map((f) => [f.path, f.sha256])))

    const texts = ['provisioned model', '下载的模型', 'ダウンロードしたモデル']
    const provisioned = await Embedder.create(dest, { threads: 1 })
    const original = await Embedder.create(sourceDir, { threads: 1 })
    try {
      const [a, b] = await Promise.all([provisioned.embedPassages(texts), original.embedPassages(texts)])
      expect(a.map((v) => Array.from(v))).toEqual(b.map((v) => Array.from(v)))
      expect(provisioned.dimension).toBe(entry.manifest.dimension)
    } finally {
      await provisioned.dispose()
      await original.dispose()
    }
  })
})
