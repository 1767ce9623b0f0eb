// `semnote index <dir>... [--watch] [--threads N]`: adds folders as roots, indexes them with a progress bar, optionally keeps watching.
import { resolve } from 'node:path'
import { Engine } from '../../engine/engine'
import type { IndexStatus } from '../../../shared/types'
import { checkModelId, engineOptionsFrom, parseCommand } from '../common'
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
  const options = engineOptionsFrom(values, { watch: values.watch, ...(prepareThreads ? { prepareThreads } : {}) })
  await checkModelId(options)
  const engine = await Engine.open(options)
  const bar = new ProgressBar()
  try {
    const off = engine.on('progress', (progress) => bar.update(progress))
    await engine.call('addRoots', { paths: positionals.map((p) => resolve(p)) })
    await engine.whenSettled()
    bar.done()
    off()
    const status = await engine.call('status', undefined)
    if (values.json) console.log(JSON.stringify(status))
    else printSummary(status)
    if (values.watch) {
      console.error('Watching for changes; press Ctrl-C to stop.')
      engine.on('progress', (progress) => {
        if (progress.phase === 'idle' && progress.filesDone > 0) console.error(`updated ${progress.filesDone} file(s)`)
      })
      let stopped = false
      engine.on('status', (next) => {
        if (next.fault && !stopped) console.error(`indexing stopped: ${next.fault.message} (${next.fault.code})`)
        else if (!next.fault && stopped) console.error('indexing resumed')
        stopped = next.fault !== undefined
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

function printSummary(status: IndexStatus): void {
  for (const root of status.roots) {
    console.log(`${root.path}: ${root.files} files, ${root.chunks} chunks (${root.state}${root.error ? `: ${root.error}` : ''})`)
  }
  console.log(`total: ${status.files} files, ${status.chunks} chunks`)
  if (status.model.state !== 'ready') console.log(`model: ${status.model.state}${'reason' in status.model ? ` (${status.model.reason})` : ''}; keyword search only`)
  if (status.skipped.length > 0) {
    console.log(`skipped ${status.skipped.length} file(s):`)
    for (const entry of status.skipped.slice(0, 20)) console.log(`  ${entry.reason.padEnd(16)} ${entry.path}  ${entry.detail}`)
    if (status.skipped.length > 20) console.log(`  ... and ${status.skipped.length - 20} more (semnote status lists all)`)
  }
  const warnings = status.warnings ?? []
  if (warnings.length > 0) {
    console.log(`${warnings.length} file(s) indexed with warnings:`)
    for (const entry of warnings.slice(0, 20)) console.log(`  ${entry.path}  ${entry.detail}`)
    if (warnings.length > 20) console.log(`  ... and ${warnings.length - 20} more (semnote status lists all)`)
  }
}
