// Bench set-up: finds the repo, eval corpora and model packs (generating the e5-small-sized test model when needed) and
// writes the note corpus the bench indexes; the settings every bench section receives.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { DEFAULT_PACK } from '../engine/model/catalog'
import { Embedder } from '../engine/model/embedder'
import { createPrepare } from '../engine/facade/pipeline'
import { findPacks } from '../engine/facade/model-choice'

/** Everything a bench section needs; written as JSON for the child processes. */
export interface BenchConfig {
  quick: boolean
  threads: number
  /** Folder of the e5-small-sized pack (real or generated test model). */
  packDir: string
  /** True when packDir is the real multilingual-e5-small pack. */
  realModel: boolean
  /** Folder of the lite pack, when present. */
  litePackDir: string | null
  evalDir: string
  /** Note files to index (copied from the eval corpora). */
  corpusDir: string
  /** Synthetic notes for the lite section (see bench-notes.ts), when the lite pack is present. */
  liteCorpusDir: string | null
  /** Notes written into liteCorpusDir. */
  liteNotes: number
  /** Notes laid out by the map section (lite pack). */
  mapNotes: number
  /** Points panned in the map frame-time section. */
  mapPoints: number
  /** Scratch space for data dirs. */
  workDir: string
  /** Passages for the embedding comparison. */
  embedChunks: number
  /** Interleaved rounds of each measurement (medians are reported). */
  rounds: number
  /** Table sizes for the query latency section. */
  tableSizes: number[]
  /** Queries per latency series. */
  queries: number
  /** The documents corpus (documents/ and its Markdown twins in markdown/), null when it could not be written. */
  documentsDir?: string | null
}

/** The folder holding package.json (works from the built out/main/cli.js and from src/main/cli/*.ts). */
export function findRepoRoot(from = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'main'))) return dir
    if (dirname(dir) === dir) throw new Error(`bench: cannot find the Semnote repository above ${from}`)
  }
}

/** The eval corpora: SEMNOTE_EVAL_DIR, else <repo>/../shared/eval. Throws with the fix when missing. */
export function findEvalDir(repoRoot: string, override = process.env.SEMNOTE_EVAL_DIR): string {
  const dir = resolve(override ?? join(repoRoot, '..', 'shared', 'eval'))
  if (!existsSync(dir)) throw new Error(`bench: eval corpora not found at ${dir}. Fix: put shared/eval beside the repo or set SEMNOTE_EVAL_DIR.`)
  return dir
}

/**
 * The e5-small-sized pack to measure: `explicit` if given, else the real multilingual-e5-small pack if installed, else the
 * generated test model under .cache/bench-models/e5-small (made by scripts/make-test-model.ts when missing).
 */
export async function findBenchPack(repoRoot: string, modelDirs: string[], explicit?: string): Promise<{ dir: string; real: boolean }> {
  if (explicit) return { dir: resolve(explicit), real: false }
  const real = (await findPacks(modelDirs)).find((p) => p.id === DEFAULT_PACK.manifest.id)
  if (real) return { dir: real.dir, real: true }
  const dir = join(repoRoot, '.cache', 'bench-models', 'e5-small')
  if (!existsSync(join(dir, 'semnote-pack.json'))) {
    console.error(`bench: generating the e5-small-sized test model in ${dir} ...`)
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/make-test-model.ts', '--size', 'e5-small', '--out', dir], { cwd: repoRoot })
  }
  return { dir, real: false }
}

/** Note files of every eval set, in a round-robin order across sets (so any prefix mixes languages and kinds). */
async function corpusFiles(evalDir: string): Promise<string[]> {
  const perSet: string[][] = []
  for (const set of (await readdir(evalDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const corpus = join(evalDir, set, 'corpus')
    const names = await readdir(corpus, { recursive: true }).catch(() => [] as string[])
    const files = names.filter((n) => /\.(md|txt|html?)$/i.test(n)).sort().map((n) => join(corpus, n))
    if (files.length > 0) perSet.push(files)
  }
  const mixed: string[] = []
  for (let i = 0; perSet.some((files) => i < files.length); i++) for (const files of perSet) if (i < files.length) mixed.push(files[i]!)
  if (mixed.length === 0) throw new Error(`bench: no corpus files under ${evalDir}/*/corpus`)
  return mixed
}

/** Copies eval notes into `corpusDir` until about `bytes` are written (their set/path kept); returns the file count. */
export async function writeCorpus(evalDir: string, corpusDir: string, bytes: number): Promise<number> {
  let written = 0
  let files = 0
  for (const source of await corpusFiles(evalDir)) {
    if (written >= bytes) break
    const content = await readFile(source)
    const target = join(corpusDir, relative(evalDir, source).replace(/[\\/]corpus[\\/]/, '/'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
    written += content.length
    files++
  }
  return files
}

/** Every file under `dir` (recursive), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort()
}

/** The chunks the engine would embed for the notes in `corpusDir` (extract + chunk with the model's tokenizer and budget). */
export async function corpusChunks(corpusDir: string, embedder: Embedder): Promise<string[]> {
  const prepare = createPrepare(Math.min(256, embedder.maxTokens), embedder.passages)
  const texts: string[] = []
  for (const path of await listFiles(corpusDir)) {
    const prepared = await prepare(path, await readFile(path))
    if (prepared.ok) texts.push(...prepared.chunks.map((c) => c.embedText))
  }
  return texts
}

/** Real search queries of the eval sets (multilingual), in a fixed mixed order. */
export async function evalQueries(evalDir: string): Promise<string[]> {
  const perSet: string[][] = []
  for (const set of (await readdir(evalDir)).sort()) {
    const lines = (await readFile(join(evalDir, set, 'queries.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean)
    if (lines.length > 0) perSet.push(lines.map((line) => (JSON.parse(line) as { text: string }).text))
  }
  const mixed: string[] = []
  for (let i = 0; perSet.some((q) => i < q.length); i++) for (const queries of perSet) if (i < queries.length) mixed.push(queries[i]!)
  if (mixed.length === 0) throw new Error(`bench: no queries.jsonl under ${evalDir}`)
  return mixed
}

/** Every `step`-th item so that about `count` remain (an even sample across the corpus). */
export function evenSample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items]
  const step = items.length / count
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!)
}
