// The chunk table: row type, Arrow schema, table naming, and conversion between JS rows and Arrow batches.
import { createHash, hash } from 'node:crypto'
import {
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Schema,
  Table as ArrowTable,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type Vector
} from 'apache-arrow'

/**
 * Bumped when the row layout, the index configuration or what notes are read into changes (the bundled pack's vectors,
 * the language guess); part of every table name. A table of an older version keeps answering searches while the new one
 * is filled, then is dropped (see facade/format-upgrade.ts).
 * v2: `page` (PDF passages), `tags` and `aliases` (note-app conventions; aliases full-text indexed).
 * v3: the same rows; the lite pack reads Korean, Russian, Arabic, Greek and Hindi words, and the language guess tells
 * Italian and Portuguese notes apart, so every note is read again (the lite pack's vectors are embedded anew).
 * v4: the same rows; the lite pack reads Turkish, Polish, Dutch, Indonesian, Swedish, Danish, Norwegian, Czech, Croatian,
 * Finnish and Hungarian words, and the language guess tells those notes apart.
 * v5: the same rows; the lite pack reads Greek words whose accent moved or was left out (ανθρώπου, text in capitals),
 * more Greek endings, Ukrainian words, Russian and Ukrainian reflexive verbs (используется) and Spanish nouns (opción),
 * and the language guess tells Ukrainian notes from Russian ones.
 * v6: the same rows; the lite pack reads 9,000 more Russian words, which its Russian dictionaries lack (файл, сервер,
 * пользователь, поиск), through WikDict's German-, French- and Polish-Russian dictionaries.
 * v7: the same rows; the lite pack reads English plurals and verb forms as their own lemma (files as file, not French
 * fil; types, lines, databases), by WordNet's detachment rules, and about 1,800 more Spanish nouns (contraseña, versión).
 * v8: the same rows; the lite pack reads Spanish, Russian and German inflected forms it hashed or split as a guessed
 * compound as their word (eliminarlos; изменения, функций, указателе; zeige, entferne), from the Aspell dictionaries' forms.
 * v9: the same rows; the lite pack reads French, Italian and Portuguese words its dictionaries lacked (traduction,
 * opzione, usuário), their inflected forms (opzioni, opções, veuillez), and French and Italian words without the word
 * elided onto them (l'option, dell'utente).
 * v10: the same vectors; passage text, titles and aliases write typographic apostrophes inside words as ' (Apple’s as Apple's), so
 * the full-text index reads the word (see withStraightApostrophes).
 * v11: the same rows; the lite pack no longer reads FreeDict German-English's "Synonyms:" lines as the English word
 * "synonym" (a share of the vectors of 101,399 German headwords of 382,839, and the only gloss of 9 that now hash).
 * v12: the same rows; the lite pack reads the English words of its glosses back to their lemmas by part of speech and
 * SemCor counts ("using" and "uses" as use, not the noun us; "notes" as note, not not; "hoped" as hope, not hop).
 * v13: the same rows; a Latin-script note that too few function words decide (a short note: two thirds of Tatoeba's
 * English sentences) is told by eld's language identifier instead of read as "und".
 * v14: the same rows; the lite pack reads Korean words whose Hanja spelling only EDICT's common words hold (식사 食事
 * meal, 요금 料金 fee, 배우 俳優 actor).
 * v15: the same rows; the lite pack reads Romanian words (through Apertium's Spanish-Romanian pair), in today's spelling
 * with ș and ț and the older one with ş and ţ, and a Romanian note is told as Romanian.
 * v16: the same rows; the lite pack reads native Korean words and loanwords of Unicode CLDR's emoji annotations and
 * display names (고양이 cat, 어제 yesterday, 바나나 banana).
 */
export const SCHEMA_VERSION = 16

/** Table name used when no embedding model is available: same rows, no vector column. */
export const KEYWORD_TABLE_SUFFIX = 'keyword'

/** One chunk of one note, as stored. */
export interface ChunkRow {
  /** Stable chunk id (see makeChunkId). */
  id: string
  /** Absolute path of the note file. */
  path: string
  /** The watched folder the note belongs to. */
  root: string
  title: string
  /** Heading path, e.g. "Travel > Tokyo"; empty above the first heading. */
  heading: string
  /** The passage as shown in results (markup stripped). */
  text: string
  /** Position of the chunk within its note, from 0. */
  ordinal: number
  lineStart: number
  lineEnd: number
  /** File modification time, epoch milliseconds. */
  mtime: number
  size: number
  /** Hash of the whole file's bytes. */
  contentHash: string
  /** Lower-case extension without the dot. */
  ext: string
  /** Detected language tag, empty when unknown. */
  lang: string
  /** Identifies what was embedded (e.g. a hash of the embedding input), so unchanged chunks can reuse their vectors. */
  embedKey: string
  /** 1-based page of a PDF passage (lines then count within the page's text); 0 or absent without pages. */
  page?: number
  /** The note's tags (repeated on every row of the note, like the title). */
  tags?: string[]
  /** Other names of the note, searchable like its title (front matter aliases, document authors). */
  aliases?: string[]
  /** Unit-length embedding; absent in keyword-only tables. */
  vector?: Float32Array
}

/** Columns that are plain strings, in table order (snake_case in the table). */
const STRING_COLUMNS = ['id', 'path', 'root', 'title', 'heading', 'text', 'content_hash', 'ext', 'lang', 'embed_key', 'tags', 'aliases'] as const
const INT_COLUMNS = ['ordinal', 'line_start', 'line_end', 'page'] as const
const FLOAT_COLUMNS = ['mtime', 'size'] as const

/** Every column except the vector. */
export const SCALAR_COLUMNS: string[] = [...STRING_COLUMNS, ...INT_COLUMNS, ...FLOAT_COLUMNS]

/** Columns indexed for full-text search. */
export const FTS_COLUMNS = ['text', 'title', 'aliases'] as const

/** Separates tags in the `tags` column, which also starts and ends with it: a tag is found as `<sep>tag<sep>` (or `<sep>tag/`). */
export const TAG_SEPARATOR = '\u001f'

/** The `tags` column value of a list of tags ("" for none). Control characters were removed from tags at extraction. */
export function encodeTags(tags: readonly string[] | undefined): string {
  return tags && tags.length > 0 ? `${TAG_SEPARATOR}${tags.join(TAG_SEPARATOR)}${TAG_SEPARATOR}` : ''
}

/** The tags of a `tags` column value. */
export function decodeTags(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(TAG_SEPARATOR).filter(Boolean) : []
}

/** The `aliases` column value: one alias per line (full-text indexed like the title). */
function encodeAliases(aliases: readonly string[] | undefined): string {
  return (aliases ?? []).map((alias) => alias.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n')
}

/** The Arrow schema of a chunk table; `dimension` 0 means keyword-only (no vector column). */
export function chunkSchema(dimension: number): Schema {
  const fields: Field[] = [
    ...STRING_COLUMNS.map((name) => new Field(name, new Utf8(), false)),
    ...INT_COLUMNS.map((name) => new Field(name, new Int32(), false)),
    ...FLOAT_COLUMNS.map((name) => new Field(name, new Float64(), false))
  ]
  if (dimension > 0) fields.push(new Field('vector', new FixedSizeList(dimension, new Field('item', new Float32(), true)), false))
  return new Schema(fields)
}

/** Table name for a model (or keyword-only when `modelId` is null): chunks_v<schema>_<sanitized id>[_<hash>]. */
export function tableNameFor(modelId: string | null, version = SCHEMA_VERSION): string {
  if (modelId === null) return `chunks_v${version}_${KEYWORD_TABLE_SUFFIX}`
  const sanitized = modelId.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48)
  // A hash keeps distinct ids distinct after sanitizing ("a.b" vs "a_b") and keeps model ids from colliding with "keyword".
  const hash = createHash('sha256').update(modelId).digest('hex').slice(0, 8)
  return `chunks_v${version}_${sanitized || 'model'}_${hash}`
}

/** Stable chunk id: a hash of the note path, the chunk's position and what was embedded. */
export function makeChunkId(path: string, ordinal: number, embedKey: string): string {
  // One-shot hash of the same bytes the incremental one took (path, NUL, ordinal, NUL, embedKey): the same id, at half the cost.
  return hash('sha256', `${path}\0${ordinal}\0${embedKey}`).slice(0, 32)
}

/** Builds an Arrow table from rows, column by column (vectors copied once into one flat buffer). */
export function rowsToArrow(rows: readonly ChunkRow[], dimension: number): ArrowTable {
  const schema = chunkSchema(dimension)
  const columns: Record<string, Vector> = {
    id: strings(rows.map((r) => r.id)),
    path: strings(rows.map((r) => r.path)),
    root: strings(rows.map((r) => r.root)),
    title: strings(rows.map((r) => r.title)),
    heading: strings(rows.map((r) => r.heading)),
    text: strings(rows.map((r) => r.text)),
    content_hash: strings(rows.map((r) => r.contentHash)),
    ext: strings(rows.map((r) => r.ext)),
    lang: strings(rows.map((r) => r.lang)),
    embed_key: strings(rows.map((r) => r.embedKey)),
    tags: strings(rows.map((r) => encodeTags(r.tags))),
    aliases: strings(rows.map((r) => encodeAliases(r.aliases))),
    ordinal: vectorFromArray(Int32Array.from(rows, (r) => r.ordinal)),
    line_start: vectorFromArray(Int32Array.from(rows, (r) => r.lineStart)),
    line_end: vectorFromArray(Int32Array.from(rows, (r) => r.lineEnd)),
    page: vectorFromArray(Int32Array.from(rows, (r) => r.page ?? 0)),
    mtime: vectorFromArray(Float64Array.from(rows, (r) => r.mtime)),
    size: vectorFromArray(Float64Array.from(rows, (r) => r.size))
  }
  if (dimension > 0) columns.vector = fixedSizeVectors(rows, dimension, schema.fields.at(-1)!.type as FixedSizeList<Float32>)
  return new ArrowTable(schema, columns as never)
}

const utf8 = new TextEncoder()

/**
 * A UTF-8 column built in one buffer: each value encoded in place after the previous one (TextEncoder.encodeInto), with
 * its end offset. The same column Arrow's builder makes, without a buffer per value and the copies of growing one.
 */
function strings(values: readonly string[]): Vector<Utf8> {
  let capacity = 0
  for (const value of values) capacity += value.length * 3
  const bytes = Buffer.allocUnsafe(capacity)
  const valueOffsets = new Int32Array(values.length + 1)
  let end = 0
  for (let i = 0; i < values.length; i++) {
    end += utf8.encodeInto(values[i]!, bytes.subarray(end)).written
    valueOffsets[i + 1] = end
  }
  return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: 0, valueOffsets, data: bytes.subarray(0, end) }))
}

function fixedSizeVectors(rows: readonly ChunkRow[], dimension: number, type: FixedSizeList<Float32>): Vector {
  const flat = new Float32Array(rows.length * dimension)
  rows.forEach((row, i) => {
    const vector = row.vector
    if (!vector || vector.length !== dimension) {
      throw new Error(`chunk ${row.id} of ${row.path} needs a ${dimension}-d vector, got ${vector ? vector.length : 'none'}`)
    }
    flat.set(vector, i * dimension)
  })
  const child = makeData({ type: type.children[0]!.type, length: flat.length, data: flat })
  return makeVector(makeData({ type, length: rows.length, nullCount: 0, child }))
}

/** A row as returned by a query (snake_case, vector as an Arrow value). */
export type StoredRecord = Record<string, unknown>

/** Converts a queried record back to a ChunkRow (vector only when selected; columns of newer versions absent in older tables). */
export function recordToRow(record: StoredRecord): ChunkRow {
  const row: ChunkRow = {
    id: String(record.id),
    path: String(record.path),
    root: String(record.root),
    title: String(record.title),
    heading: String(record.heading),
    text: String(record.text),
    ordinal: Number(record.ordinal),
    lineStart: Number(record.line_start),
    lineEnd: Number(record.line_end),
    mtime: Number(record.mtime),
    size: Number(record.size),
    contentHash: String(record.content_hash),
    ext: String(record.ext),
    lang: String(record.lang),
    embedKey: String(record.embed_key)
  }
  const page = Number(record.page ?? 0)
  if (page > 0) row.page = page
  const tags = decodeTags(record.tags)
  if (tags.length > 0) row.tags = tags
  if (typeof record.aliases === 'string' && record.aliases !== '') row.aliases = record.aliases.split('\n')
  if (record.vector != null) row.vector = toFloat32(record.vector)
  return row
}

/** An Arrow list value, typed array or number array as a fresh Float32Array. */
export function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return new Float32Array(value)
  const maybe = value as { toArray?: () => ArrayLike<number> }
  if (typeof maybe.toArray === 'function') return Float32Array.from(maybe.toArray())
  return Float32Array.from(value as ArrayLike<number>)
}
