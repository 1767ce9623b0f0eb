#!/usr/bin/env node
// `semnote` entry point: quiets LanceDB's native log before the SDK loads (hence the deferred import), then runs the CLI.
// `index` runs in a child process started with fewer malloc arenas (native-memory.ts): glibc reads that setting only at start.
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { engineProcessEnv } from '../native-memory'

process.env.LANCEDB_LOG ??= 'error'
const args = process.argv.slice(2)
const env = engineProcessEnv(process.env)

if (args.includes('index') && env !== process.env) {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...args], { stdio: 'inherit', env })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)))
} else {
  void import('./main').then(({ runCli }) => runCli(args))
}
