// Loads the LanceDB SDK on first use, with native logging limited to errors (the native module reads LANCEDB_LOG when it loads).
import type * as LanceDb from '@lancedb/lancedb'

export type { Connection, FullTextQuery, Occur, Table } from '@lancedb/lancedb'
export type LanceDbModule = typeof LanceDb

let loading: Promise<LanceDbModule> | undefined

/**
 * The SDK, loaded lazily: a static import would be hoisted by bundlers above any code that sets LANCEDB_LOG, and the
 * native module would then flood the console with WARN lines (e.g. one per new table).
 */
export function loadLanceDb(): Promise<LanceDbModule> {
  process.env.LANCEDB_LOG ??= 'error'
  loading ??= import('@lancedb/lancedb')
  return loading
}
