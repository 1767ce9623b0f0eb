// npm postinstall and `npm run fetch-model`: puts the default model pack into resources/models/; never fails an install.
//
// Settings (environment): SEMNOTE_MODEL_MIRROR (or HF_ENDPOINT) mirror base URL, SEMNOTE_MODEL_SOURCE local folder
// with the model files, SEMNOTE_SKIP_MODEL_DOWNLOAD=1 to skip, SEMNOTE_MODELS_DIR to install packs elsewhere.
// For tests only: SEMNOTE_MODEL_CATALOG_FILE, a JSON catalog entry used instead of the default pack.
// `--strict` exits 1 when the model could not be installed (the default always exits 0).
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { catalogEntrySchema, DEFAULT_MODEL_HOST, DEFAULT_PACK, type CatalogEntry } from '../src/main/engine/model/catalog'
import { provisionPack, provisionSettingsFromEnv, type ProvisionProgress, type ProvisionResult } from '../src/main/engine/model/fetch'

const PREFIX = 'semnote:'

function catalogEntry(): CatalogEntry {
  const override = process.env.SEMNOTE_MODEL_CATALOG_FILE
  return override ? catalogEntrySchema.parse(JSON.parse(readFileSync(override, 'utf8'))) : DEFAULT_PACK
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

/** Progress on stderr: one redrawn line on a terminal, a line per quarter otherwise (logs, CI). */
function progressPrinter(stream: NodeJS.WriteStream, source: string): { update(p: ProvisionProgress): void; finish(): void } {
  let announced = false
  let lastDraw = 0
  let lastQuarter = 0
  let drawn = false
  return {
    update(p) {
      const verb = p.action === 'copying' ? 'copying' : 'downloading'
      const percent = p.total > 0 ? Math.floor((100 * p.received) / p.total) : 0
      if (stream.isTTY) {
        const now = Date.now()
        if (now - lastDraw < 100 && p.received < p.total) return
        lastDraw = now
        drawn = true
        stream.write(`\r\x1b[2K${PREFIX} ${verb} model ${megabytes(p.received)} / ${megabytes(p.total)} (${percent}%) ${p.file}`)
        return
      }
      if (!announced) {
        announced = true
        stream.write(`${PREFIX} ${verb} model files from ${source} (about ${megabytes(p.total)})\n`)
      }
      const quarter = Math.floor(percent / 25)
      if (quarter > lastQuarter) {
        lastQuarter = quarter
        stream.write(`${PREFIX} model ${quarter * 25}% (${megabytes(p.received)} / ${megabytes(p.total)})\n`)
      }
    },
    finish() {
      if (drawn) stream.write('\n')
    }
  }
}

function summary(result: ProvisionResult, where: string): string {
  const fetched = result.files.filter((f) => f.outcome !== 'present')
  if (fetched.length === 0) return `${PREFIX} model ${result.manifest.id} already installed in ${where}.`
  const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0)
  return `${PREFIX} model ${result.manifest.id} installed in ${where} (${fetched.length} files, ${megabytes(bytes)}, sha256 verified).`
}

function warning(id: string, reason: string): string {
  const ways: Array<[string, string]> = [
    ['npm run fetch-model', 'when online'],
    ['SEMNOTE_MODEL_MIRROR=https://hf-mirror.com npm run fetch-model', 'through a mirror; HF_ENDPOINT works too'],
    ['SEMNOTE_MODEL_SOURCE=/folder/with/model/files npm run fetch-model', 'copy from a folder, flat or repo layout']
  ]
  return [
    `${PREFIX} WARNING: the embedding model ${id} was not installed. ${reason}`,
    `  Semnote installs and runs without it, with weaker search until the model is there. To install it later:`,
    ...ways.map(([command, note]) => `    ${command.padEnd(67)}(${note})`),
    `  Set SEMNOTE_SKIP_MODEL_DOWNLOAD=1 to skip this step.`
  ].join('\n')
}

async function main(): Promise<number> {
  const strict = process.argv.includes('--strict')
  const settings = provisionSettingsFromEnv()
  let id = DEFAULT_PACK.manifest.id
  if (settings.skip) {
    process.stderr.write(`${PREFIX} SEMNOTE_SKIP_MODEL_DOWNLOAD is set: not installing the embedding model.\n`)
    return 0
  }
  const printer = progressPrinter(process.stderr, settings.localSource ?? settings.mirror ?? DEFAULT_MODEL_HOST)
  try {
    const entry = catalogEntry()
    id = entry.manifest.id
    const repoRoot = resolve(__dirname, '..')
    const destDir = join(process.env.SEMNOTE_MODELS_DIR || join(repoRoot, 'resources', 'models'), id)
    const result = await provisionPack(entry, {
      destDir,
      mirror: settings.mirror,
      localSource: settings.localSource,
      onProgress: (p) => printer.update(p),
      // Installs must not hang: DNS failures end at once, a silent network after 15 s.
      responseTimeoutMs: 15_000
    })
    printer.finish()
    const shown = relative(process.cwd(), destDir)
    process.stderr.write(`${summary(result, shown && !shown.startsWith('..') ? shown : destDir)}\n`)
    return 0
  } catch (error) {
    printer.finish()
    process.stderr.write(`${warning(id, (error as Error).message)}\n`)
    return strict ? 1 : 0
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(0)
)
