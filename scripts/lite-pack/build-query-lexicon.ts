// Builds the query-translation lexicon from the lite pack's sources and installs it into the pack (file + manifest checksum).
// Usage: npx tsx scripts/lite-pack/build-query-lexicon.ts [packDir]   (inputs as for build.ts, see README.md beside this file)
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PACK_MANIFEST_FILE, packManifestSchema } from '../../src/main/engine/model/manifest'
import { encodeQueryLexicon } from '../../src/main/engine/lexicon/format'
import { compressLexicon } from '../../src/main/engine/lexicon/query-lexicon'
import { readSources } from './collect'
import { DEFAULT_OUT_DIR, notice } from './build'
import { NOTICE_FILE } from './write-pack'
import { buildQueryLexicon, UNTRANSLATED_LANGUAGES } from './query-lexicon'
import { DEFAULT_PATHS, readChineseWordCounts, readStopwords } from './sources'

export const QUERY_LEXICON_FILE = 'query-lexicon.bin'

/** Writes the lexicon file (compressed, see compressLexicon) into `packDir` and records it (name and SHA-256) in the pack's manifest. */
export function installQueryLexicon(packDir: string, bytes: Uint8Array): void {
  writeFileSync(join(packDir, QUERY_LEXICON_FILE), bytes)
  const manifestPath = join(packDir, PACK_MANIFEST_FILE)
  const manifest = packManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')))
  const sha256 = { ...manifest.sha256, [QUERY_LEXICON_FILE]: createHash('sha256').update(bytes).digest('hex') }
  const updated = packManifestSchema.parse({ ...manifest, queryLexicon: QUERY_LEXICON_FILE, sha256 })
  writeFileSync(manifestPath, JSON.stringify(updated, null, 2) + '\n')
}

/** Rewrites the pack's NOTICE.md (sources, versions, licences, the lexicon's paragraph) and its checksum in the manifest. */
export function writeNotice(packDir: string, text: string): void {
  writeFileSync(join(packDir, NOTICE_FILE), text)
  const manifestPath = join(packDir, PACK_MANIFEST_FILE)
  const manifest = packManifestSchema.parse(JSON.parse(readFileSync(manifestPath, 'utf8')))
  const sha256 = { ...manifest.sha256, [NOTICE_FILE]: createHash('sha256').update(text).digest('hex') }
  writeFileSync(manifestPath, JSON.stringify(packManifestSchema.parse({ ...manifest, sha256 }), null, 2) + '\n')
}

async function main(): Promise<void> {
  const packDir = process.argv[2] ?? DEFAULT_OUT_DIR
  const data = await readSources(DEFAULT_PATHS, (line) => console.log(line), { queryLexicon: true })
  const untranslated = Object.fromEntries(UNTRANSLATED_LANGUAGES.map((lang) => [lang, [...readStopwords(DEFAULT_PATHS.stopwordsModule, [lang])].sort()]))
  const tables = buildQueryLexicon(data, untranslated, { zh: await readChineseWordCounts(DEFAULT_PATHS.jiebaDictFile, DEFAULT_PATHS.cedictModule) })
  for (const language of tables.languages) console.log(`${language.lang}: ${language.toEnglish.length} words, ${language.fromEnglish.length} English lemmas`)
  const bytes = compressLexicon(encodeQueryLexicon(tables))
  installQueryLexicon(packDir, bytes)
  writeNotice(packDir, notice(DEFAULT_PATHS))
  console.log(`wrote ${join(packDir, QUERY_LEXICON_FILE)}: ${bytes.length} bytes`)
}

if (process.argv[1]?.endsWith('build-query-lexicon.ts')) void main()
