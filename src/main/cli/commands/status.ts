// `semnote status`: what is indexed, what was skipped and why, and the model's state.
import { engineOptionsFrom, parseCommand, READ_ONLY, withEngine } from '../common'

/** Runs the status command; resolves to the exit code. */
export async function runStatus(args: string[]): Promise<number> {
  const { values } = parseCommand(args, {})
  const status = await withEngine(engineOptionsFrom(values), READ_ONLY, (engine) => engine.call('status', undefined))
  if (values.json) {
    console.log(JSON.stringify(status))
    return 0
  }
  const model = status.model
  console.log(`model:   ${model.state === 'ready' ? `${model.id} (${model.dimension}-d)` : `${model.state} ${model.id}${'reason' in model ? `: ${model.reason}` : 'error' in model ? `: ${model.error}` : ''}`}`)
  console.log(`health:  ${status.health}${status.healthDetail ? ` (${status.healthDetail})` : ''}`)
  if (status.indexer) {
    const { pid, command, watching } = status.indexer
    const progress = status.progress.phase === 'idle' ? (watching ? 'watching' : 'idle') : `${status.progress.phase} ${status.progress.filesDone}/${status.progress.filesTotal} files`
    console.log(`indexer: pid ${pid} (${command || 'semnote'}): ${progress}`)
  }
  console.log(`index:   ${status.files} files, ${status.chunks} chunks, ${(status.diskBytes / 1024 / 1024).toFixed(1)} MB on disk`)
  for (const root of status.roots) {
    console.log(`root:    ${root.path}  ${root.files} files, ${root.chunks} chunks  [${root.state}]${root.error ? ` ${root.error}` : ''}`)
    if (root.notice) console.log(`         ${root.notice}`)
  }
  if (status.tags?.length) console.log(`tags:    ${status.tags.slice(0, 30).map((t) => `#${t.tag} (${t.notes})`).join('  ')}${status.tags.length > 30 ? '  …' : ''}`)
  if (status.skipped.length) console.log(`skipped: ${status.skipped.length}`)
  for (const entry of status.skipped) console.log(`  ${entry.reason.padEnd(16)} ${entry.path}  ${entry.detail}`)
  const warnings = status.warnings ?? []
  if (warnings.length) console.log(`warnings: ${warnings.length}`)
  for (const entry of warnings) console.log(`  ${entry.path}  ${entry.detail}`)
  return 0
}
