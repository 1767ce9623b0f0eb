// Shared by the door tests: the sample notes indexed as the app indexes them (bundled lite pack), plus a secret outside.
import { cpSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Engine } from '../../src/main/engine/engine'

export const repo = join(__dirname, '..', '..')
export const tsx = join(repo, 'node_modules', '.bin', 'tsx')
export const cliEntry = join(repo, 'src', 'main', 'cli', 'semnote.ts')
export const bundledModels = join(repo, 'resources', 'models')
/** Text of the file outside the roots: it must never appear in any answer. */
export const CANARY = 'CANARY-7f3a-bank-pin'

export interface SampleIndex {
  notes: string
  outside: string
  secret: string
  dataDir: string
}

/** Copies the samples into `notes`, puts a secret in `outside` with a symlink to it from the notes, and indexes `roots`. */
export async function indexSamples(folders: { make(prefix: string): string }, extraRoots: string[] = []): Promise<SampleIndex> {
  const notes = folders.make('door-notes')
  const outside = folders.make('door-outside')
  const dataDir = folders.make('door-data')
  cpSync(join(repo, 'resources', 'samples'), notes, { recursive: true })
  const secret = join(outside, 'secret.md')
  writeFileSync(secret, `# Secret\n\n${CANARY}\n`)
  symlinkSync(secret, join(notes, 'shortcut.md'))
  const engine = await Engine.open({ dataDir, modelDirs: [bundledModels], watch: false })
  await engine.call('addRoots', { paths: [notes, ...extraRoots] })
  await engine.whenSettled()
  await engine.close()
  return { notes, outside, secret, dataDir }
}
