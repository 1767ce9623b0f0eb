#!/usr/bin/env node
// `semnote` entry point: quiets LanceDB's native log before the SDK loads (hence the deferred import), then runs the CLI.
process.env.LANCEDB_LOG ??= 'error'

void import('./main').then(({ runCli }) => runCli(process.argv.slice(2)))
