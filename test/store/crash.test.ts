// Kills a writing process at random moments: every file must still hold exactly one complete generation of rows.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ChunkStore } from '../../src/main/engine/store/chunk-store'
import { FILES, chunksIn } from './crash-writer'
import { tempDataDir } from './rows'

/** Runs the writer until it has committed `commits` generations plus a random few ms, then SIGKILLs it; returns the last generation it reported. */
function writeThenKill(dir: string, start: number, commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-writer.ts'), dir, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let last = start - 1
    let killing = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) last = Number(line)
      if (!killing && last - start + 1 >= commits) {
        killing = true
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40)
      }
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited without being killed (${signal})`))))
  })
}

describe('crash safety', () => {
  it('leaves no duplicates, orphans or half-written files when the writer is killed mid-write', async () => {
    const { dir, cleanup } = await tempDataDir()
    try {
      let start = 1
      for (let round = 0; round < 3; round++) {
        const reported = await writeThenKill(dir, start, 3 + round)
        const store = await ChunkStore.open(dir, { modelId: 'crash', dimension: 8 })
        try {
          expect(store.recreatedReason).toBeUndefined()
          const files = await store.listPaths()
          expect(files).toHaveLength(FILES)
          const generations = new Set<number>()
          for (const file of files) {
            const g = Number(file.contentHash.slice(1))
            generations.add(g)
            const rows = await store.rowsOf(file.path)
            expect(rows.map((r) => r.contentHash)).toEqual(rows.map(() => file.contentHash))
            expect(rows.map((r) => r.ordinal)).toEqual([...Array(chunksIn(g)).keys()])
            expect(rows.every((r, j) => r.text.startsWith(`g${g} chunk ${j} `))).toBe(true)
          }
          // One commit holds all 20 files: they are all at the same generation, at least the last one reported.
          expect(generations.size).toBe(1)
          expect([...generations][0]).toBeGreaterThanOrEqual(reported)
          expect(await store.countRows()).toBe(FILES * chunksIn([...generations][0]!))
          start = [...generations][0]! + 1
        } finally {
          await store.close()
        }
      }
    } finally {
      await cleanup()
    }
  })
})
