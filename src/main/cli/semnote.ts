#!/usr/bin/env node
// `semnote` entry point: stops with a clear message on a Node older than package.json's floor; on Linux, restarts itself
// once with glibc's malloc tuned to give memory back and V8's young generation small (engine-env.ts); quiets LanceDB's
// native log and turns on Node's compile cache before anything else loads (hence the deferred import), then runs the CLI.
import { enableCompileCache } from 'node:module'
import { engineExecArgv, engineProcessEnv } from '../engine-env'
import { unsupportedNode } from './node-floor'

const tooOld = unsupportedNode(process.versions.node)
if (tooOld) {
  console.error(tooOld)
  process.exit(1)
}
const args = process.argv.slice(2)
// glibc and V8 read these settings only at process start: the same process (same pid, same stdio) starts again with them.
if (process.platform === 'linux' && process.env.MALLOC_ARENA_MAX === undefined && typeof process.execve === 'function') {
  process.execve(process.execPath, [process.execPath, ...engineExecArgv(process.execArgv), __filename, ...args], engineProcessEnv(process.env))
}
process.env.LANCEDB_LOG ??= 'error'
// V8 code caches of the CLI's modules in the OS temp folder (NODE_COMPILE_CACHE chooses another, NODE_DISABLE_COMPILE_CACHE=1
// turns it off): every later command skips compiling them, about 0.1 s of a `semnote search`.
enableCompileCache()

void import('./main').then(({ runCli }) => runCli(args))
