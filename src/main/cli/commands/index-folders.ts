// `semnote index <dir>... [--watch] [--threads N]`: adds folders as roots, indexes them with a progress bar, optionally keeps watching.
import { resolve } from 'node:path'
import { Engine } from '../../engine/engine'
import type { IndexStatus } from '../../../shared/types'
import { engineOptionsFrom, parseCommand } from '../common'
import { UsageError } from '../options'
import { ProgressBar } from '../progress-bar'

/** Runs the index command; resolves to the exit code. */
export async function runIndex(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { watch: { type: 'boolean', default: false }, threads: { type: 'string' } })
  if (positionals.length === 0) throw new UsageError('index: give at least one folder')
  const prepareThreads = values.threads === undefined ? undefined : Number(values.threads)
  if (prepareThreads !== undefined && !(Number.isInteger(prepareThreads) && prepareThreads >= 1 && prepareThreads <= 64)) {
    throw new UsageError(`index --threads: expected a whole number from 1 to 64, got ${values.threads}`)
  }
  const engine = await Engine.open(engineOptionsFrom(values, { watch: values.watch, ...(prepareThreads ? { prepareThreads } : {}) }))
  const bar = new ProgressBar()
  try {
    const off = engine.on('progress', (progress) => bar.update(progress))
    await engine.call('addRoots', { paths: positionals.map((p) => resolve(p)) })
    await engine.whenSettled()
    bar.done()
    off()
    const status = await engine.call('status', undefined)
    if (values.json) console.log(JSON.stringify(status))
    else printSummary(status, values.watch)
    if (values.watch) {
      console.error('Watching for changes; press Ctrl-C to stop.')
      engine.on('progress', (progress) => {
        if (progress.phase === 'idle' && progress.filesDone > 0) console.error(`updated ${progress.filesDone} file(s)`)
      })
      await new Promise<void>((done) => {
        process.once('SIGINT', done)
        process.once('SIGTERM', done)
      })
    }
    return status.roots.some((r) => r.state === 'error') ? 1 : 0
  } finally {
    bar.done()
    await engine.close()
  }
}

function printSummary(status: IndexStatus, watching: boolean): void {
  for (const root of status.roots) {
    const state = root.state === 'watching' && !watching ? 'indexed' : root.state
    console.log(`${root.path}: ${root.files} files, ${root.chunks} chunks (${state}${root.error ? `: ${root.error}` : ''})`)
  }
  console.log(`total: ${status.files} files, ${status.chunks} chunks`)
  if (status.model.state !== 'ready') console.log(`model: ${status.model.state}${'reason' in status.model ? ` (${status.model.reason})` : ''}; keyword search only`)
  if (status.skipped.length > 0) {
    console.log(`skipped ${status.skipped.length} file(s):`)
    for (const entry of status.skipped.slice(0, 20)) console.log(`  ${entry.reason.padEnd(16)} ${entry.path}  ${entry.detail}`)
    if (status.skipped.length > 20) console.log(`  ... and ${status.skipped.length - 20} more (semnote status --json lists all)`)
  }
}
