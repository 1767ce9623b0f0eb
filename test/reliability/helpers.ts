// Helpers for reliability tests: run a TypeScript child (optionally without root's permission override) and collect its output.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

export const repoRoot = join(__dirname, '..', '..')

/** Capabilities that let root read any file; dropping them makes chmod 000 mean "unreadable" for root too. */
const OVERRIDE_CAPS = '-dac_override,-dac_read_search'

export interface ChildResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Runs `node --import tsx <script> ...args` from the repo root. With `unprivileged` and when running as root, the child
 * runs under setpriv without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so file modes apply to it as to any user.
 */
export function runTsChild(script: string, args: string[], options: { unprivileged?: boolean; timeoutMs?: number } = {}): Promise<ChildResult> {
  const nodeArgs = ['--import', 'tsx', script, ...args]
  const asRoot = process.getuid?.() === 0
  const [command, commandArgs] =
    options.unprivileged && asRoot
      ? ['setpriv', [`--bounding-set=${OVERRIDE_CAPS}`, `--inh-caps=${OVERRIDE_CAPS}`, process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs]
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, env: { ...process.env, LANCEDB_LOG: 'error' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000)
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`could not start ${command} (setpriv comes with util-linux): ${error.message}`))
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** The `semnote` CLI entry, run from source. */
export const cliEntry = join(repoRoot, 'src', 'main', 'cli', 'semnote.ts')
