// `semnote bench`: runs every bench section in its own child process (clean memory figures, cold start-up), then writes
// results.json, report.md and chart.svg into a folder it prints. A child runs one section: `bench --section NAME`.
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { defaultThreads } from '../engine/model/embedder'
import { loadPack } from '../engine/model/pack'
import { benchDocuments, writeDocumentCorpus, type DocumentCorpusSizes } from './bench-documents'
import { benchDoors } from './bench-doors'
import { benchScaling } from './bench-scaling'
import { benchEmbedding } from './bench-embed'
import { benchPipeline } from './bench-index'
import { benchMap } from './bench-map'
import { benchMapFrames } from './bench-map-frames'
import { writeSyntheticNotes } from './bench-notes'
import { benchQueries, benchStartup } from './bench-query'
import { benchTranslation } from './bench-translation'
import { checkTargets, renderChart, renderMarkdown, type BenchResults } from './bench-report'
import { findBenchPack, findEvalDir, findRepoRoot, writeCorpus, type BenchConfig } from './bench-setup'
import { round } from './bench-stats'
import { engineOptionsFrom, parseCommand } from './common'
import { defaultDataDir, modelDirsFor, UsageError } from './options'

/** Each section, run in a child process from the config file; returns what goes into results.json. */
const SECTIONS = {
  embedding: (c: BenchConfig) => benchEmbedding(c),
  pipeline: (c: BenchConfig) => benchPipeline(c, c.packDir),
  lite: (c: BenchConfig) => (c.litePackDir ? benchPipeline(c, c.litePackDir, c.liteCorpusDir ?? c.corpusDir) : Promise.resolve(null)),
  queries: (c: BenchConfig) => benchQueries(c),
  startup: (c: BenchConfig) => benchStartup(c),
  translation: (c: BenchConfig) => benchTranslation(c),
  doors: (c: BenchConfig) => benchDoors(c),
  documents: (c: BenchConfig) => benchDocuments(c),
  map: (c: BenchConfig) => benchMap(c),
  mapFrames: (c: BenchConfig) => benchMapFrames(c),
  scaling: (c: BenchConfig) => benchScaling(c)
} as const
type SectionName = keyof typeof SECTIONS

/** How the bench starts a child process that runs one section (the CLI forks itself; tests fork the TypeScript entry). */
export interface SpawnSpec {
  entry: string
  execArgv: string[]
}

export interface BenchOptions {
  quick: boolean
  threads?: number
  /** e5-small-sized pack to use instead of the real pack / generated test model. */
  model?: string
  /** Folders searched for a downloaded multilingual-e5-small pack (default: the default data folder's). */
  modelDirs?: string[]
  /** Lite pack folder (default resources/models/semnote-lite-multi when present). */
  lite?: string
  out?: string
  /** Bytes of eval notes copied into the corpus to index (default 80 kB, quick 24 kB). */
  corpusBytes?: number
  /** Overrides of the run's sizes (the smoke test shrinks them further than --quick). */
  sizes?: Partial<Pick<BenchConfig, 'embedChunks' | 'rounds' | 'tableSizes' | 'queries' | 'liteNotes' | 'mapNotes' | 'mapPoints'>>
  /** Sizes of the documents corpus (default 20 PDFs x 25 pages, 100 .docx, 10 .epub; quick: a fifth). */
  documents?: DocumentCorpusSizes
  spawn: SpawnSpec
}

/** Runs the CLI command; resolves to the exit code. */
export async function runBench(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, {
    quick: { type: 'boolean', default: false },
    threads: { type: 'string' },
    model: { type: 'string' },
    lite: { type: 'string' },
    out: { type: 'string' },
    'corpus-bytes': { type: 'string' },
    section: { type: 'string' },
    config: { type: 'string' },
    result: { type: 'string' }
  })
  if (positionals.length > 0) throw new UsageError(`bench takes no arguments, got ${positionals.join(' ')}`)
  if (values['model-id']) throw new UsageError('bench measures the multilingual-e5-small pack (or --model <pack-dir>), not --model-id')
  if (values.section) {
    if (!(values.section in SECTIONS) || !values.config || !values.result) throw new UsageError('bench --section needs a known section, --config and --result')
    const config = JSON.parse(await readFile(values.config, 'utf8')) as BenchConfig
    const result = await SECTIONS[values.section as SectionName](config)
    await writeFile(values.result, JSON.stringify(result, null, 2))
    return 0
  }
  const number = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`bench --${name}: expected a positive whole number, got ${value}`)
    return n
  }
  const threads = number(values.threads, 'threads')
  const corpusBytes = number(values['corpus-bytes'], 'corpus-bytes')
  const folder = await runBenchSuite({
    quick: values.quick ?? false,
    ...(threads ? { threads } : {}),
    ...(corpusBytes ? { corpusBytes } : {}),
    ...(values.model ? { model: values.model } : {}),
    ...(values.lite ? { lite: values.lite } : {}),
    ...(values.out ? { out: values.out } : {}),
    // The index folders of --data-dir / --app are only where a downloaded e5 pack is looked for: the bench indexes in temp folders.
    modelDirs: engineOptionsFrom(values).modelDirs,
    spawn: { entry: process.argv[1]!, execArgv: process.execArgv }
  })
  console.log(folder)
  return 0
}

/** Runs one section in a child process and reads its result. */
async function runSection<T>(spawn: SpawnSpec, name: SectionName, configPath: string, workDir: string): Promise<T> {
  const resultPath = join(workDir, `${name}.json`)
  const child = fork(spawn.entry, ['bench', '--section', name, '--config', configPath, '--result', resultPath], {
    execArgv: spawn.execArgv,
    env: { ...process.env, LANCEDB_LOG: process.env.LANCEDB_LOG ?? 'error' },
    stdio: 'inherit'
  })
  const code = await new Promise<number | null>((done, fail) => child.on('exit', done).on('error', fail))
  if (code !== 0) throw new Error(`bench: section ${name} failed (exit code ${code})`)
  return JSON.parse(await readFile(resultPath, 'utf8')) as T
}

/**
 * Runs every section and writes results.json, report.md and chart.svg; resolves to the report folder.
 * Default folder: <repo>/bench-results/<timestamp>.
 */
export async function runBenchSuite(options: BenchOptions): Promise<string> {
  const started = new Date()
  const repoRoot = findRepoRoot()
  const evalDir = findEvalDir(repoRoot)
  const pack = await findBenchPack(repoRoot, options.modelDirs ?? modelDirsFor(defaultDataDir(), undefined), options.model)
  const liteDefault = join(repoRoot, 'resources', 'models', 'semnote-lite-multi')
  const litePackDir = options.lite ? resolve(options.lite) : existsSync(join(liteDefault, 'semnote-pack.json')) ? liteDefault : null
  const outDir = resolve(options.out ?? join(repoRoot, 'bench-results', started.toISOString().replace(/[:.]/g, '-')))
  const workDir = await mkdtemp(join(tmpdir(), 'semnote-bench-'))
  try {
    const config: BenchConfig = {
      quick: options.quick,
      threads: options.threads ?? defaultThreads(),
      packDir: pack.dir,
      realModel: pack.real,
      litePackDir,
      evalDir,
      corpusDir: join(workDir, 'corpus'),
      liteCorpusDir: litePackDir ? join(workDir, 'lite-corpus') : null,
      liteNotes: options.quick ? 120 : 1000,
      mapNotes: options.quick ? 1500 : 10_000,
      mapPoints: options.quick ? 10_000 : 50_000,
      workDir,
      embedChunks: options.quick ? 32 : 160,
      rounds: options.quick ? 1 : 4,
      tableSizes: options.quick ? [1_000, 4_000] : [10_000, 100_000],
      queries: options.quick ? 20 : 200,
      documentsDir: join(workDir, 'documents'),
      ...options.sizes
    }
    await writeCorpus(evalDir, config.corpusDir, options.corpusBytes ?? (options.quick ? 24_000 : 80_000))
    if (litePackDir && config.liteCorpusDir) {
      const litePack = await loadPack(litePackDir)
      const { tokenizer } = litePack.manifest
      if (tokenizer.type !== 'word-segmenter') throw new Error(`bench: the lite pack ${litePackDir} does not use the word-segmenter tokenizer`)
      await writeSyntheticNotes(config.liteCorpusDir, litePack.file(tokenizer.vocab), config.liteNotes)
    }
    const documentSizes = options.documents ?? (options.quick ? { pdfs: 4, pages: 25, docx: 20, epub: 2 } : { pdfs: 20, pages: 25, docx: 100, epub: 10 })
    await writeDocumentCorpus(repoRoot, config.documentsDir!, documentSizes)
    const configPath = join(workDir, 'config.json')
    await writeFile(configPath, JSON.stringify(config, null, 2))
    const load: Record<string, [number, number]> = {}
    const sectionSeconds: Record<string, number> = {}
    const section = async <T>(name: SectionName): Promise<T> => {
      const before = round(loadavg()[0]!)
      const start = performance.now()
      console.error(`bench: ${name} ...`)
      const result = await runSection<T>(options.spawn, name, configPath, workDir)
      load[name] = [before, round(loadavg()[0]!)]
      sectionSeconds[name] = Math.round((performance.now() - start) / 1000)
      return result
    }
    const { manifest } = await loadPack(pack.dir)
    const partial: Omit<BenchResults, 'targets'> = {
      startedAt: started.toISOString(),
      durationSeconds: 0,
      sectionSeconds,
      quick: options.quick,
      threads: config.threads,
      model: { id: manifest.id, dir: pack.dir, real: pack.real },
      machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: round(totalmem() / 2 ** 30, 1), node: process.versions.node, platform: process.platform, load },
      embedding: await section('embedding'),
      pipeline: await section('pipeline'),
      lite: await section('lite'),
      queries: await section('queries'),
      startup: await section('startup'),
      translation: await section('translation'),
      doors: await section('doors'),
      documents: await section('documents'),
      map: await section('map'),
      mapFrames: await section('mapFrames'),
      scaling: await section('scaling')
    }
    partial.durationSeconds = Math.round((Date.now() - started.getTime()) / 1000)
    const results: BenchResults = { ...partial, targets: checkTargets(partial) }
    await mkdir(outDir, { recursive: true })
    await writeFile(join(outDir, 'results.json'), JSON.stringify(results, null, 2))
    await writeFile(join(outDir, 'report.md'), renderMarkdown(results))
    await writeFile(join(outDir, 'chart.svg'), renderChart(results))
    return outDir
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}
