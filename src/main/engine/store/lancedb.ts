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
 * The SDK, loaded lazily: a static import would be hoisted by bundlers above any code that sets LANCEDB_LOG, and the
 * native module would then flood the console with WARN lines (e.g. one per new table). Loaded with require, not
 * import(): LanceDB is CommonJS, and a dynamic import would take the ESM loader inside app.asar in a utilityProcess, a
 * combination with known breakages (every place this runs, the bundle, vitest and tsx, has require).
 */
export function loadLanceDb(): Promise<LanceDbModule> {
  process.env.LANCEDB_LOG ??= 'error'
  loading ??= Promise.resolve().then(() => require('@lancedb/lancedb') as LanceDbModule)
  return loading
}
