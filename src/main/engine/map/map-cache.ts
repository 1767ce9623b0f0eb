// The computed layout of one model table, kept in <dataDir>/map/<table>.json (written atomically; a damaged file is recomputed).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'

const CACHE_VERSION = 1

const stringColumn = z.array(z.string())
const numberColumn = z.array(z.number())

const cachedLayoutSchema = z.object({
  version: z.literal(CACHE_VERSION),
  table: z.string(),
  modelId: z.string(),
  computedAt: z.number(),
  /** Notes the full layout was computed from. */
  fitted: z.number().int().min(0),
  /** Notes added, changed or removed since (placed onto the layout or dropped from it). */
  changes: z.number().int().min(0),
  notes: z.object({
    path: stringColumn,
    contentHash: stringColumn,
    title: stringColumn,
    root: stringColumn,
    ext: stringColumn,
    lang: stringColumn,
    mtime: numberColumn,
    tags: z.array(z.array(z.string())),
    x: numberColumn,
    y: numberColumn,
    cluster: z.array(z.number().int().min(-1))
  }),
  clusterTerms: z.array(z.array(z.string()))
})

export type CachedLayout = z.infer<typeof cachedLayoutSchema>
export function cacheFile(dataDir: string, table: string): string {
  return join(dataDir, 'map', `${table}.json`)
}

/** The cached layout of `table`, or null when there is none or it cannot be used (damaged, other version, columns of unequal length). */
export async function readCachedLayout(dataDir: string, table: string): Promise<CachedLayout | null> {
  const text = await readFile(cacheFile(dataDir, table), 'utf8').catch(() => null)
  if (text === null) return null
  let parsed: CachedLayout
  try {
    parsed = cachedLayoutSchema.parse(JSON.parse(text))
  } catch {
    return null
  }
  const count = parsed.notes.path.length
  const columnsAgree = Object.values(parsed.notes).every((column) => column.length === count)
  const clustersKnown = parsed.notes.cluster.every((c) => c < parsed.clusterTerms.length)
  return parsed.table === table && columnsAgree && clustersKnown ? parsed : null
}

/** Writes the layout (temporary file, then rename) and removes the layouts of tables that no longer exist. */
export async function writeCachedLayout(dataDir: string, layout: CachedLayout, liveTables: readonly string[]): Promise<void> {
  const dir = join(dataDir, 'map')
  await mkdir(dir, { recursive: true })
  const target = cacheFile(dataDir, layout.table)
  const temporary = `${target}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(layout))
  await rename(temporary, target)
  const keep = new Set([...liveTables, layout.table].map((table) => `${table}.json`))
  for (const name of await readdir(dir).catch(() => [])) {
    if (name.endsWith('.json') && !keep.has(name)) await rm(join(dir, name), { force: true })
  }
}
