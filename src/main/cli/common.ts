// Shared by the CLI commands: global option definitions and opening the engine from them.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { join, resolve } from 'node:path'
import { Engine, type EngineInternals } from '../engine/engine'
import type { EngineOptions } from '../engine/contract'
import { appUserDataDir, defaultDataDir, modelDirsFor, UsageError } from './options'

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  'model-id': { type: 'string' },
  app: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false }
} as const satisfies ParseArgsConfig['options']

/** parseArgs with the global options merged in; positionals allowed. */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true })
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

/** Opens the engine, runs `work`, and always closes it. */
export async function withEngine<T>(options: EngineOptions, internals: EngineInternals, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.open(options, internals)
  try {
    return await work(engine)
  } finally {
    await engine.close()
  }
}
