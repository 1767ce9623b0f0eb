// Loads the LanceDB SDK on first use, with native logging limited to errors (the native module reads LANCEDB_LOG when it loads).
import type * as LanceDb from '@lancedb/lancedb'

export type { Connection, FullTextQuery, Occur, Table } from '@lancedb/lancedb'
export type LanceDbModule = typeof LanceDb

let loading: Promise<LanceDbModule> | undefined

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
