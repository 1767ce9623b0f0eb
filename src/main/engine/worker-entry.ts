// Where a worker thread's entry is: the built file beside the bundle (out/main), else its TypeScript source run through tsx
// (tests and the CLI run from source).
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
