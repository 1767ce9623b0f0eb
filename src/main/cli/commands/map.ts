// `semnote map`: the map of notes by meaning as one self-contained HTML file, as JSON, or its quality figures.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { MapLayout, MapProgressEvent, MapQuality } from '../../../shared/map'
import { clusterName } from '../../../shared/map-groups'
import { SemnoteError } from '../../../shared/errors'
import { mapHtml } from '../../doors/map-export/map-html'
import { engineOptionsFrom, parseCommand, READ_ONLY, withEngine } from '../common'
import { UsageError } from '../options'

/** Runs the map command; resolves to the exit code. */
export async function runMap(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, { out: { type: 'string', short: 'o' }, stats: { type: 'boolean', default: false } })
  if (positionals.length > 0) throw new UsageError('map takes no arguments (use --out <file>)')
  const showProgress = Boolean(process.stderr.isTTY)
  const result = await withEngine(engineOptionsFrom(values), READ_ONLY, async (engine) => {
    const stop = engine.on('mapProgress', (event) => showProgress && drawProgress(event))
    try {
      if (values.stats) return { kind: 'quality' as const, quality: await engine.call('mapStats', undefined) }
      const view = await engine.call('map', { wait: true })
      if (view.state === 'ready') return { kind: 'layout' as const, layout: view.layout }
      if (view.state === 'failed') throw new SemnoteError('INTERNAL', `the map could not be computed: ${view.message}`)
      throw new SemnoteError('NOT_FOUND', view.state === 'unavailable' && view.reason === 'no-model' ? 'no model is loaded: the map needs note vectors' : 'no notes are indexed yet')
    } finally {
      stop()
      if (showProgress) process.stderr.write('\r\x1b[K')
    }
  })
  if (result.kind === 'quality') {
    console.log(values.json ? JSON.stringify(result.quality) : formatQuality(result.quality))
    return 0
  }
  const output = values.json ? JSON.stringify(result.layout) : values.out ? mapHtml(result.layout, { generatedAt: new Date() }) : formatSummary(result.layout)
  if (values.out) {
    const target = resolve(values.out)
    await writeFile(target, output)
    console.error(`wrote ${target} (${result.layout.notes.path.length} notes, ${result.layout.clusters.length} clusters)`)
  } else console.log(output)
  return 0
}

function drawProgress(event: MapProgressEvent): void {
  if ('finished' in event) return
  process.stderr.write(`\rmap: ${event.phase} ${event.done}/${event.total}\x1b[K`)
}

function formatSummary(layout: MapLayout): string {
  const lines = [`${layout.notes.path.length} notes, ${layout.clusters.length} clusters (${layout.modelId})`]
  const ranked = layout.clusters.map((cluster, i) => ({ cluster, i })).sort((a, b) => b.cluster.size - a.cluster.size)
  for (const { cluster } of ranked) lines.push(`  ${String(cluster.size).padStart(5)}  ${clusterName(cluster.terms)}`)
  const outliers = layout.notes.cluster.filter((c) => c < 0).length
  if (outliers > 0) lines.push(`  ${String(outliers).padStart(5)}  (in no cluster)`)
  return lines.join('\n')
}

function formatQuality(quality: MapQuality): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`
  const lines = [
    `notes:                     ${quality.notes}`,
    `trustworthiness@${quality.k}:        ${quality.trustworthiness.toFixed(3)} (search vectors: ${quality.searchVectors.trustworthiness.toFixed(3)})`,
    `neighbours kept (${quality.k} NN):    ${pct(quality.neighbourPreservation)} (search vectors: ${pct(quality.searchVectors.neighbourPreservation)})`
  ]
  const pairs = quality.translationPairs
  if (pairs) {
    lines.push(`translation pairs:         ${pairs.pairs}`)
    lines.push(`  closer than random pair: ${pct(pairs.onMap.closerThanRandom)} on the map, ${pct(pairs.byMeaning.closerThanRandom)} by meaning`)
  }
  return lines.join('\n')
}
