// CLI: generate a deterministic test model pack. `npm run testmodel -- --size tiny|tiny-token-types|tiny-int8|e5-small|e5-small-fp32 --out DIR [--seed N] [--max-tokens N]`
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { PRESETS, writeTestPack, type PresetName } from './testmodel/pack'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'tiny' },
      out: { type: 'string' },
      seed: { type: 'string' },
      'max-tokens': { type: 'string' }
    }
  })
  const size = values.size as string
  if (!(size in PRESETS)) throw new Error(`--size must be one of: ${Object.keys(PRESETS).join(', ')}`)
  const out = resolve(values.out ?? `.cache/test-models/${size}`)
  const started = performance.now()
  const manifest = await writeTestPack(out, {
    preset: size as PresetName,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    maxTokens: values['max-tokens'] === undefined ? undefined : Number(values['max-tokens'])
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`${manifest.id}: ${out} (${manifest.model}, dimension ${manifest.dimension}) in ${seconds} s\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`make-test-model: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
