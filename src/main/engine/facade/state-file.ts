// The engine's small persistent state (roots, single files, ignore patterns, chosen model folder), written crash-safely.
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'

export const STATE_FILE = 'engine-state.json'

const stateSchema = z.object({
  version: z.literal(1),
  roots: z.array(z.string()),
  /** Files indexed on their own (dropped on the window), outside any root. */
  files: z.array(z.string()),
  ignorePatterns: z.array(z.string()),
  /** A pack folder chosen by the user (useModelFolder); wins over modelDirs. */
  modelFolder: z.string().optional()
})

export type EngineState = z.infer<typeof stateSchema>

export const EMPTY_STATE: EngineState = { version: 1, roots: [], files: [], ignorePatterns: [] }

/** Reads the state; a missing file gives the empty state, a damaged one too (with `damaged` set so status can say so). */
export async function readState(dataDir: string): Promise<{ state: EngineState; damaged: boolean }> {
  let text: string
  try {
    text = await readFile(join(dataDir, STATE_FILE), 'utf8')
  } catch {
    return { state: structuredClone(EMPTY_STATE), damaged: false }
  }
  try {
    return { state: stateSchema.parse(JSON.parse(text)), damaged: false }
  } catch {
    return { state: structuredClone(EMPTY_STATE), damaged: true }
  }
}

/** Writes the state atomically: temp file, fsync, rename over the old one, fsync the folder. */
export async function writeState(dataDir: string, state: EngineState): Promise<void> {
  const target = join(dataDir, STATE_FILE)
  await mkdir(dirname(target), { recursive: true })
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(JSON.stringify(state, null, 1))
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  const dir = await open(dirname(target), 'r').catch(() => null)
  await dir?.sync().catch(() => undefined)
  await dir?.close()
}
