// Child process for the crash test: rewrites 20 files generation after generation (upkeep interleaved) until it is killed.
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { noteRows } from './rows'

export const FILES = 20
/** Chunks each file has in generation `g`. */
export const chunksIn = (g: number) => (g % 3) + 2

async function main(dir: string, start: number): Promise<void> {
  const store = await ChunkStore.open(dir, { modelId: 'crash', dimension: 8, maintenanceDelayMs: 0, versionRetentionMs: 0 })
  for (let g = start; ; g++) {
    const files = Array.from({ length: FILES }, (_, i) => {
      const path = `/notes/f${i}.md`
      return { path, rows: noteRows({ path, contentHash: `g${g}`, texts: Array.from({ length: chunksIn(g) }, (_, j) => `g${g} chunk ${j} `.repeat(20)) }) }
    })
    await store.replaceFiles(files)
    process.stdout.write(`${g}\n`)
  }
}

// Runs only as the child's entry script, never when the test imports the constants above.
if (process.argv[1]?.endsWith('crash-writer.ts')) void main(process.argv[2]!, Number(process.argv[3]))
