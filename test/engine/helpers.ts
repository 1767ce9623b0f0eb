// Helpers for engine integration tests: temp folders that clean up, an engine with folders indexed, polling until a condition holds.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EngineOptions } from '../../src/main/engine/contract'
import { Engine } from '../../src/main/engine/engine'

/** Creates a real (symlink-free) temp folder; `cleanup()` removes every folder made so far. */
export function tempFolders() {
  const made: string[] = []
  return {
    make(prefix: string): string {
      const dir = realpathSync(mkdtempSync(join(tmpdir(), `semnote-${prefix}-`)))
      made.push(dir)
      return dir
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Opens an engine that does not watch and indexes `roots` until settled (rows written, indexes up to date). */
export async function openIndexed(options: Omit<EngineOptions, 'watch'>, roots: string[]): Promise<Engine> {
  const engine = await Engine.open({ ...options, watch: false })
  await engine.call('addRoots', { paths: roots })
  await engine.whenSettled()
  return engine
}

/** Polls `probe` until it returns a value other than undefined/false (or throws after `timeoutMs`). */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== false) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
