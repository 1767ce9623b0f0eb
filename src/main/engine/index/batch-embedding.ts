// Embeds the chunks a batch of prepared jobs has no vectors for, across files, EMBED_SLICE chunks per call.
import { memoryMark } from '../memory-trace'
import type { PreparedJob } from './jobs'
import { EMBED_SLICE } from './note-parts'
import type { PassageEmbedder } from './ports'

/** Fills the missing vectors of `jobs` (rename jobs move their rows and need none); returns how many chunks were embedded. */
export async function embedBatch(jobs: readonly PreparedJob[], embedder: PassageEmbedder): Promise<number> {
  const missing: { job: PreparedJob; index: number }[] = []
  for (const job of jobs) if (!job.renamedFrom) job.vectors.forEach((v, index) => v === undefined && missing.push({ job, index }))
  if (missing.length === 0) return 0
  memoryMark(`embed ${missing.length} chunks of ${jobs.length} files`)
  for (let from = 0; from < missing.length; from += EMBED_SLICE) {
    const slice = missing.slice(from, from + EMBED_SLICE)
    const vectors = await embedder.embedChunks(slice.map((m) => m.job.chunks[m.index]!))
    slice.forEach((m, i) => (m.job.vectors[m.index] = vectors[i]))
  }
  return missing.length
}
