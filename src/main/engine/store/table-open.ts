// Opening a chunk table: created when missing, recreated when its layout no longer matches or it cannot be read.
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Schema } from 'apache-arrow'
import type { Connection, Table } from './lancedb'

/**
 * The table `name` of `db` with `schema`'s layout. A table of another layout, or one that cannot be read, is dropped and
 * made again (`recreatedReason` says why); a reader (`readOnly`) is refused instead, and creates a missing table only as
 * the writer would (empty, same layout), never over one made meanwhile.
 */
export async function openOrRecreateTable(
  db: Connection,
  dbDir: string,
  name: string,
  schema: Schema,
  readOnly: boolean
): Promise<{ table: Table; recreatedReason: string | undefined }> {
  let recreatedReason: string | undefined
  let table: Table | undefined
  if ((await db.tableNames()).includes(name)) {
    try {
      table = await db.openTable(name)
      const existing = await table.schema()
      const expected = schema.fields.map((f) => `${f.name}: ${f.type}`)
      const actual = existing.fields.map((f) => `${f.name}: ${f.type}`)
      const changed = [...expected.filter((f) => !actual.includes(f)), ...actual.filter((f) => !expected.includes(f))]
      if (changed.length > 0) recreatedReason = `table layout changed (${changed.join('; ')})`
      else await table.countRows()
    } catch (error) {
      recreatedReason = `table could not be read: ${(error as Error).message}`
    }
    if (recreatedReason && readOnly) {
      table?.close()
      throw new Error(`${recreatedReason} (left to the process that indexes)`)
    }
    if (recreatedReason) {
      table?.close()
      table = undefined
      await db.dropTable(name).catch(() => rm(join(dbDir, `${name}.lance`), { recursive: true, force: true }))
    }
  }
  table ??= await db.createEmptyTable(name, schema, readOnly ? { mode: 'create', existOk: true } : { mode: 'overwrite' })
  return { table, recreatedReason }
}
