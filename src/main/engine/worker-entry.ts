// Where a worker thread's entry is (the built file beside the bundle, out/main, else its TypeScript source run through tsx,
// for tests and the CLI run from source), and the young-generation size every engine worker is started with.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** The file to start worker `name` from (`sourceDir` holds `${name}.ts`), and the Node flags it needs. */
export function workerEntry(name: string, sourceDir: string): { file: string; execArgv: string[] } {
  const built = [join(__dirname, `${name}.js`), join(__dirname, '..', `${name}.js`)].find((file) => existsSync(file))
  if (built) return { file: built, execArgv: [] }
  const tsx = pathToFileURL(createRequire(__filename).resolve('tsx')).href
  return { file: join(sourceDir, `${name}.ts`), execArgv: ['--import', tsx] }
}

/**
 * Young generation of every engine isolate, MB: 3 semi-spaces of ENGINE_SEMI_SPACE_MB. V8's default lets each isolate's
 * young generation grow to tens of MB, kept committed between collections; with the engine's four or five isolates (engine
 * thread, prepare workers, model worker, file reader) that was about 180 MB of the 809 MB peak of indexing 3,300 man
 * pages (scripts/reliability/memory-peak.ts): 629 MB with 8 MB semi-spaces, 591 MB with 4, but 4 cost about 5% more
 * process CPU per passage (scavenges) where 8 measured the same as the default (scripts/measure-thread-cpu.mts,
 * interleaved). The engine thread gets the same through `--max-semi-space-size` (src/main/engine-env.ts).
 */
export const ENGINE_SEMI_SPACE_MB = 8
export const WORKER_YOUNG_GENERATION_MB = 3 * ENGINE_SEMI_SPACE_MB
