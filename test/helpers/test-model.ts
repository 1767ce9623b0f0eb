// Shared test fixture: the tiny generated model pack, built once per generator version under .cache/test-models/.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeTestPack, type PresetName } from '../../scripts/testmodel/pack'

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
/** Where packs are cached (SEMNOTE_TEST_MODEL_CACHE overrides .cache/test-models). */
const cacheRoot = process.env.SEMNOTE_TEST_MODEL_CACHE ?? join(repoRoot, '.cache', 'test-models')
const generatorDirs = [join(repoRoot, 'scripts', 'onnx'), join(repoRoot, 'scripts', 'testmodel')]

/** A short hash of the generator's sources, so any change to the generator produces a fresh pack. */
async function generatorVersion(): Promise<string> {
  const hash = createHash('sha256')
  for (const dir of generatorDirs) {
    for (const name of (await readdir(dir)).sort()) {
      hash.update(name).update(await readFile(join(dir, name)))
    }
  }
  return hash.digest('hex').slice(0, 12)
}

const pending = new Map<PresetName, Promise<string>>()

/**
 * Returns the folder of a generated pack; safe when several test workers ask at once (temp folder + rename).
 * The folder is shared: tests that modify a pack must copy it first.
 */
export function getTestPack(preset: PresetName): Promise<string> {
  let folder = pending.get(preset)
  if (!folder) {
    folder = (async () => {
      const target = join(cacheRoot, `${preset}-${await generatorVersion()}`)
      if (existsSync(target)) return target
      const temp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`
      await mkdir(temp, { recursive: true })
      await writeTestPack(temp, { preset })
      try {
        await rename(temp, target)
      } catch (error) {
        // Another worker won the race: its pack is identical, keep it.
        await rm(temp, { recursive: true, force: true })
        if (!existsSync(target)) throw error
      }
      return target
    })()
    pending.set(preset, folder)
  }
  return folder
}

/** The tiny XLM-R-shaped pack (inputs input_ids + attention_mask, 32-d, 512 tokens) used by most tests. */
export function getTinyPack(): Promise<string> {
  return getTestPack('tiny')
}
