// `semnote related <file>`: notes whose meaning is closest to a given note.
import { resolve } from 'node:path'
import { engineOptionsFrom, parseCommand, READ_ONLY, withEngine } from '../common'
import { UsageError } from '../options'
import { formatHits, parseLimit } from './search'

/** Runs the related command; resolves to the exit code. */
export async function runRelated(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { limit: { type: 'string', short: 'k' }, all: { type: 'boolean', default: false } })
  if (positionals.length !== 1) throw new UsageError('related: give exactly one file')
  const hits = await withEngine(engineOptionsFrom(values), READ_ONLY, (engine) =>
    engine.call('related', { path: resolve(positionals[0]), limit: parseLimit(values.limit, 10) })
  )
  if (values.json) console.log(JSON.stringify(hits))
  else if (hits.length === 0) console.log('No related notes.')
  else for (const line of formatHits(hits, values.all)) console.log(line)
  return 0
}
