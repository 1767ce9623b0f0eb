// Global CLI options: where the index lives and where model packs are looked up (OS conventions by default).
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** The per-user data folder: $XDG_DATA_HOME/semnote, ~/Library/Application Support/Semnote or %APPDATA%/Semnote. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Semnote')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Semnote')
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'semnote')
}

/**
 * The desktop app's own folder (Electron's userData), which holds its index in `index/` and its models in `models/`:
 * SEMNOTE_USER_DATA_DIR when set, else the OS config folder + Semnote (on Linux also `semnote`, the name in a dev build).
 */
export function appUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SEMNOTE_USER_DATA_DIR) return resolve(env.SEMNOTE_USER_DATA_DIR)
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), 'Semnote')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Semnote')
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  const packaged = join(config, 'Semnote')
  const dev = join(config, 'semnote')
  return !existsSync(packaged) && existsSync(join(dev, 'index')) ? dev : packaged
}

/** Folders searched for model packs: the user's (or --models-dir) first, then the packs bundled with the app. */
export function modelDirsFor(dataDir: string, modelsDir: string | undefined): string[] {
  // Built: out/main/cli.js; from source: src/main/cli/*.ts. Either way the bundled packs sit in <repo>/resources/models.
  const bundled = [resolve(__dirname, '..', '..', 'resources', 'models'), resolve(__dirname, '..', '..', '..', 'resources', 'models')]
  return [modelsDir ? resolve(modelsDir) : join(dataDir, 'models'), ...bundled.filter((dir) => existsSync(dir))]
}

/** Parses a date filter: YYYY-MM-DD (local midnight), an ISO timestamp, or epoch milliseconds. */
export function parseDateOption(value: string, name: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value)
  if (!Number.isFinite(ms)) throw new UsageError(`--${name}: not a date: ${value}`)
  return ms
}

/** A mistake in the command line: printed as one line with where to find help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose help to point at (the general help when absent). */
    readonly command?: string
  ) {
    super(message)
  }
}
