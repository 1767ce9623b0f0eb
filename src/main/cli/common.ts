// Shared by the CLI commands: global option definitions and opening the engine from them.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { join, resolve } from 'node:path'
import { Engine, type EngineInternals } from '../engine/engine'
import type { EngineOptions } from '../engine/contract'
import { findPacks } from '../engine/facade/model-choice'
import { appUserDataDir, defaultDataDir, modelDirsFor, UsageError } from './options'

/** Options every command accepts, before or after its name. */
export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  'model-id': { type: 'string' },
  app: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
} as const satisfies ParseArgsConfig['options']

/** parseArgs with the global options merged in; positionals allowed. A negative number is taken as a value ("-k -1"). */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const all = { ...GLOBAL_OPTIONS, ...options }
  return parseArgs({ args: negativeValuesJoined(args, all), options: all, allowPositionals: true, strict: true })
}

/** "-k -1" -> "--limit=-1": parseArgs would otherwise take "-1" for an option and call the argument ambiguous. */
function negativeValuesJoined(args: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const names = new Map<string, string>()
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue
    names.set(`--${name}`, name)
    if (option.short) names.set(`-${option.short}`, name)
  }
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = names.get(args[i]!)
    if (name && /^-\d/.test(args[i + 1] ?? '')) joined.push(`--${name}=${args[++i]}`)
    else joined.push(args[i]!)
  }
  return joined
}

export interface GlobalValues {
  'data-dir'?: string
  'models-dir'?: string
  'model-id'?: string
  /** Use the desktop app's index and models (see appUserDataDir). */
  app?: boolean
}

/** Engine options from the global flags. */
export function engineOptionsFrom(values: GlobalValues, extra: Partial<EngineOptions> = {}): EngineOptions {
  if (values.app && values['data-dir'] !== undefined) throw new UsageError('give either --app or --data-dir, not both')
  const app = values.app ? appUserDataDir() : null
  const dataDir = resolve(app ? join(app, 'index') : (values['data-dir'] ?? defaultDataDir()))
  return {
    dataDir,
    modelDirs: modelDirsFor(dataDir, values['models-dir'] ?? (app ? join(app, 'models') : undefined)),
    ...(values['model-id'] ? { modelId: values['model-id'] } : {}),
    watch: false,
    ...extra
  }
}

/** For commands that only read the index: no rescan of the roots on open. */
export const READ_ONLY: EngineInternals = { resumeIndexing: false }

/**
 * An explicit --model-id must name an installed pack (the app falls back to another pack; a command line asking for one
 * by name should not silently use another).
 */
export async function checkModelId(options: EngineOptions): Promise<void> {
  if (!options.modelId) return
  const ids = [...new Set((await findPacks(options.modelDirs)).map((pack) => pack.id))]
  if (!ids.includes(options.modelId)) {
    throw new UsageError(`--model-id ${options.modelId}: no such model pack in ${options.modelDirs.join(', ') || 'the model folders'}; found: ${ids.join(', ') || 'none'}`)
  }
}

/** Opens the engine, runs `work`, and always closes it. */
export async function withEngine<T>(options: EngineOptions, internals: EngineInternals, work: (engine: Engine) => Promise<T>): Promise<T> {
  await checkModelId(options)
  const engine = await Engine.open(options, internals)
  try {
    return await work(engine)
  } finally {
    await engine.close()
  }
}
