import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readNotes } from './src/main/engine/map/note-reader'
import { LanguageCentring } from './src/main/engine/map/language-centring'
const dir = process.argv[2]!
const table = readdirSync(join(dir, 'lancedb')).find((n) => n.endsWith('.lance'))!.replace(/\.lance$/, '')
const dim = Number(process.argv[3] ?? 384)
const set = await readNotes(dir, table, dim)
const vs = { values: set.vectors, count: set.notes.length, dim: set.dim }
const langs = set.notes.map((n) => n.lang)
const { centred } = LanguageCentring.fit(vs, langs).apply(vs, langs)
writeFileSync(dir + '.f32', Buffer.from(centred.values.buffer))
writeFileSync(dir + '.json', JSON.stringify({ dim: set.dim, paths: set.notes.map((n) => n.path), langs }))
console.log(table, set.notes.length, set.dim)
