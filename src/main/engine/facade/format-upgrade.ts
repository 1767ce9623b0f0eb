// After an index format change (SCHEMA_VERSION), users keep searching their previous table while the new one is filled
// in the background, and a transformer pack's vectors of unchanged passages carry over instead of being embedded again.
import type { PassageEmbedder } from '../index/ports'
import type { QueryLexiconSource } from '../lexicon/query-lexicon'
import { ChunkStore } from '../store/chunk-store'
import { SCHEMA_VERSION, tableNameFor } from '../store/schema'
import { openPreviousEngineStore } from './store-adapter'
import type { EngineStore } from './store-port'

/** What status says while the previous table answers searches. */
export const UPGRADE_DETAIL = 'Semnote reads notes differently since its update: notes are read again in the background; search uses the previous index meanwhile'

/**
 * The newest table of an older schema version for this model (or keyword-only), opened read-only; null when there is
 * none. A table that cannot be opened is left alone (it is dropped with the others once the new table is complete).
 */
export async function openPreviousFormat(
  dataDir: string,
  model: { id: string; dimension: number } | null,
  lexicon?: QueryLexiconSource
): Promise<EngineStore | null> {
  const tables = new Set(await ChunkStore.listTables(dataDir))
  for (let version = SCHEMA_VERSION - 1; version >= 1; version--) {
    const name = tableNameFor(model?.id ?? null, version)
    if (!tables.has(name)) continue
    try {
      return await openPreviousEngineStore(dataDir, name, model, lexicon)
    } catch {
      return null
    }
  }
  return null
}

/**
 * An embedder that first takes the vectors the previous table holds for the same embedded text (same model files, same
 * text: same vector). `previous` is null when the vectors may differ: a light pack (the bundled lite pack) ships with
 * Semnote and its updates change its words' vectors, while embedding it again costs little (thousands of passages a
 * second); a transformer pack's files are pinned by checksum, so its vectors carry over.
 */
export class VectorCarryOver implements PassageEmbedder {
  /** Passages whose vectors came from the previous table. */
  carried = 0

  constructor(
    private readonly embedder: PassageEmbedder,
    private readonly previous: Pick<EngineStore, 'vectorsForEmbedKeys'> | null
  ) {}

  get id(): string {
    return this.embedder.id
  }

  async embedChunks(chunks: Parameters<PassageEmbedder['embedChunks']>[0]): Promise<Float32Array[]> {
    const keys = chunks.map((chunk) => chunk.embedKey)
    const known = this.previous ? await this.previous.vectorsForEmbedKeys(keys).catch(() => new Map<string, Float32Array>()) : new Map<string, Float32Array>()
    const missing = chunks.map((_, index) => index).filter((index) => !known.has(keys[index]!))
    const fresh = missing.length > 0 ? await this.embedder.embedChunks(missing.map((index) => chunks[index]!)) : []
    const vectors = keys.map((key) => known.get(key))
    missing.forEach((index, i) => (vectors[index] = fresh[i]))
    this.carried += chunks.length - missing.length
    return vectors as Float32Array[]
  }
}
