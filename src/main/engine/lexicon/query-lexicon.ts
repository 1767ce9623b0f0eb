// Finds, verifies and loads the query-translation lexicon a model pack ships (once, on first use), whether or not its model is in use.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompressSync, brotliDecompress, constants } from 'node:zlib'
import { findPacks } from '../facade/model-choice'
import { readManifest } from '../model/pack'
import { LexiconView } from './format'

/** What loading found: the lexicon, or why there is none. */
export type LexiconState = { ok: true; lexicon: LexiconView; file: string; loadMs: number } | { ok: false; reason: string }

/** Loads the lexicon of the first pack in `modelDirs` that declares one, on the first `get()`; later calls share the result. */
export class QueryLexiconSource {
  private loading: Promise<LexiconState> | undefined

  constructor(private readonly modelDirs: () => readonly string[]) {}

  /** The lexicon, or null when no pack has one (or it failed its checksum): keyword search then runs untranslated. */
  async get(): Promise<LexiconView | null> {
    const state = await this.state()
    return state.ok ? state.lexicon : null
  }

  /** The load result, for status and measurements. */
  state(): Promise<LexiconState> {
    this.loading ??= loadFirstLexicon(this.modelDirs()).catch((error: Error) => ({ ok: false as const, reason: error.message }))
    return this.loading
  }
}

async function loadFirstLexicon(modelDirs: readonly string[]): Promise<LexiconState> {
  const problems: string[] = []
  for (const { dir } of await findPacks(modelDirs)) {
    try {
      const manifest = await readManifest(dir)
      if (!manifest.queryLexicon) continue
      const expected = manifest.sha256[manifest.queryLexicon]
      if (!expected) throw new Error(`${dir}: no SHA-256 for ${manifest.queryLexicon}`)
      const started = performance.now()
      const file = join(dir, manifest.queryLexicon)
      const bytes = await readFile(file)
      const actual = createHash('sha256').update(bytes).digest('hex')
      if (actual !== expected) throw new Error(`query lexicon ${file} is damaged or was changed: SHA-256 is ${actual}, expected ${expected}`)
      const lexicon = await decodeLexiconFile(bytes)
      return { ok: true, lexicon, file, loadMs: performance.now() - started }
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  return { ok: false, reason: problems.length > 0 ? problems.join(' ') : 'no model pack with a query lexicon was found' }
}

const decompress = promisify(brotliDecompress)
/** The compressed file: this magic, the decompressed length (u32 LE), then the Brotli stream. */
const FILE_MAGIC = 'SNQZ'
const FILE_HEADER_BYTES = 8
/** Largest decompressed lexicon accepted (a damaged length field must not make us allocate gigabytes). */
const MAX_LEXICON_BYTES = 512 * 2 ** 20

/**
 * The lexicon file is the encoded tables compressed with Brotli (45 MB -> 17 MB on disk and in the app), decompressed off
 * the engine's thread, in libuv's pool, on first use, into one buffer of the length the header gives (decompressing into
 * small chunks and joining them held twice the memory at the peak, and RSS kept it).
 */
export async function decodeLexiconFile(bytes: Uint8Array): Promise<LexiconView> {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4))
  if (bytes.length < FILE_HEADER_BYTES || magic !== FILE_MAGIC) throw new Error('not a compressed Semnote query lexicon (bad magic)')
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true)
  if (length < 12 || length > MAX_LEXICON_BYTES) throw new Error(`query lexicon declares ${length} bytes, out of range`)
  const raw = await decompress(bytes.subarray(FILE_HEADER_BYTES), { chunkSize: length }).catch((error: Error) => {
    throw new Error(`query lexicon does not decompress (${error.message})`)
  })
  if (raw.length !== length) throw new Error(`query lexicon decompressed to ${raw.length} bytes, its header says ${length}`)
  return new LexiconView(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength))
}

/** Compresses encoded tables into the file format decodeLexiconFile reads (build time: slow, best ratio). */
export function compressLexicon(encoded: Uint8Array): Uint8Array {
  const body = brotliCompressSync(encoded, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: encoded.length }
  })
  const file = new Uint8Array(FILE_HEADER_BYTES + body.length)
  file.set(new TextEncoder().encode(FILE_MAGIC), 0)
  new DataView(file.buffer).setUint32(4, encoded.length, true)
  file.set(body, FILE_HEADER_BYTES)
  return file
}
