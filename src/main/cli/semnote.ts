#!/usr/bin/env node
// `semnote` entry point: quiets LanceDB's native log and turns on Node's compile cache before anything else loads (hence the deferred import), then runs the CLI.
import { enableCompileCache } from 'node:module'

process.env.LANCEDB_LOG ??= 'error'
// V8 code caches of the CLI's modules in the OS temp folder (NODE_COMPILE_CACHE chooses another, NODE_DISABLE_COMPILE_CACHE=1
// turns it off): every later command skips compiling them, about 0.1 s of a `semnote search`.
enableCompileCache()

void import('./main').then(({ runCli }) => runCli(process.argv.slice(2)))
