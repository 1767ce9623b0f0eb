// Loads the LanceDB SDK on first use, with native logging limited to errors (the native module reads LANCEDB_LOG when it loads).
import type * as LanceDb from '@lancedb/lancedb'

export type { Connection, FullTextQuery, Occur, Table } from '@lancedb/lancedb'
export type LanceDbModule = typeof LanceDb

let loading: Promise<LanceDbModule> | undefined
let session: LanceDb.Session | undefined

/**
 * LanceDB's caches, shared by every table this process opens. The SDK's default session allows a 6 GB index cache and a
 * 1 GB metadata cache, and a long indexing run fills them with the metadata of every table version it writes: the
 * process grew past 1 GB on 3,300 man pages. Bounded here (set SEMNOTE_LANCEDB_CACHE_MB to try other sizes).
 */
const INDEX_CACHE_BYTES = Number(process.env.SEMNOTE_LANCEDB_CACHE_MB ?? 128) * 1024 * 1024
const METADATA_CACHE_BYTES = Math.round(INDEX_CACHE_BYTES / 4)

/** Connects to the LanceDB folder `dir` with the process's bounded caches. */
export async function connectLanceDb(dir: string, options: Partial<LanceDb.ConnectionOptions> = {}): Promise<LanceDb.Connection> {
  const sdk = await loadLanceDb()
  session ??= new sdk.Session(BigInt(INDEX_CACHE_BYTES), BigInt(METADATA_CACHE_BYTES))
  return sdk.connect(dir, options, session)
}

/**
 * Lance's scan memory, which its performance guide bounds by 2 x the I/O buffer + the batch size x the compute threads.
 * The defaults (a 2 GB read-ahead buffer, 8,192-row batches: 32 MB each of 1024-d vectors) suit servers reading object
 * stores; from a local disk, reads outrun decoding, and upkeep's compaction and index update read far ahead: the last
 * upkeep of five 19 MB notes (79,873 rows) took +250-310 MB. With a 64 MB buffer and 1,024-row batches (the guide's
 * advice for 1024-d vectors) it took +30-110 MB, and the run's peak fell from 962-1,125 MB to 834-888 MB (issue 19.13).
 * A 16 MB buffer (a soft limit: a larger page is still read) took the last optimize, once the run's highest phase, from
 * 666/701 to 604/638 MB (alternating runs), for the same search times on those 79,873 rows (vector 1.6-1.7 ms median,
 * keyword 0.9-1.0 ms; flat scans 45-52 against 62-68 ms). Values set in the environment are kept.
 */
export const LANCE_SCAN_ENV: Readonly<Record<string, string>> = { LANCE_DEFAULT_IO_BUFFER_SIZE: String(16 * 1024 * 1024), LANCE_DEFAULT_BATCH_SIZE: '1024' }

/**
 * The SDK, loaded lazily: a static import would be hoisted by bundlers above any code that sets LANCEDB_LOG, and the
 * native module would then flood the console with WARN lines (e.g. one per new table). Loaded with require, not
 * import(): LanceDB is CommonJS, and a dynamic import would take the ESM loader inside app.asar in a utilityProcess, a
 * combination with known breakages (every place this runs, the bundle, vitest and tsx, has require).
 */
export function loadLanceDb(): Promise<LanceDbModule> {
  process.env.LANCEDB_LOG ??= 'error'
  for (const [name, value] of Object.entries(LANCE_SCAN_ENV)) process.env[name] ??= value
  loading ??= Promise.resolve().then(() => require('@lancedb/lancedb') as LanceDbModule)
  return loading
}
