// Model packs Semnote knows how to fetch: pinned source (repo, revision, files + sha256) and the manifest to write.
import { z } from 'zod'
import { packManifestSchema, type PackManifest } from './manifest'

/** Where files are fetched from when no mirror is set (same URL layout as any HF_ENDPOINT mirror). */
export const DEFAULT_MODEL_HOST = 'https://huggingface.co'

const catalogFileSchema = z.object({
  /** Path inside the repository; the same path inside the pack folder. */
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a relative path without ..'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lower-case hex SHA-256'),
  /** Expected size in bytes when known; only used to show overall progress before a download starts. */
  size: z.number().int().nonnegative().optional()
})

/** A fetchable pack: a Hugging Face-style repository at a pinned revision plus the manifest values. */
export const catalogEntrySchema = z.object({
  /** `owner/name`, e.g. `Xenova/multilingual-e5-small`. */
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name'),
  /** Full commit hash: a branch name could change under us. */
  revision: z.string().regex(/^[0-9a-f]{40}$/, 'a 40-character commit hash'),
  files: z.array(catalogFileSchema).min(1),
  /** Manifest values except the checksums, which come from `files`. */
  manifest: packManifestSchema.omit({ sha256: true })
})

export type CatalogFile = z.infer<typeof catalogFileSchema>
export type CatalogEntry = z.infer<typeof catalogEntrySchema>

/** The default pack: multilingual-e5-small, int8 ONNX export (docs: shared/docs/MODELS.md). */
export const DEFAULT_PACK: CatalogEntry = {
  repo: 'Xenova/multilingual-e5-small',
  revision: '97cb8f96eaed1a1f0dac821239943e854fce9c36',
  files: [
    { path: 'onnx/model_quantized.onnx', sha256: 'f80102d3f2a1229f387d3c81909990d8945513e347b0eab049f7de3c6f98c193', size: 118_308_185 },
    { path: 'tokenizer.json', sha256: '0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39', size: 17_082_730 },
    { path: 'tokenizer_config.json', sha256: 'a1d6bc8734a6f635dc158508bef000f8e2e5a759c7d92f984b2c86e5ff53425b' },
    { path: 'config.json', sha256: 'cb99455288675345e1a4f411438d5d0adbba5fbd3a67ea4fb03c015433b996c1' },
    { path: 'special_tokens_map.json', sha256: 'd05497f1da52c5e09554c0cd874037a083e1dc1b9cfd48034d1c717f1afc07a7' }
  ],
  manifest: {
    id: 'multilingual-e5-small',
    name: 'multilingual-e5-small (int8)',
    dimension: 384,
    pooling: 'mean',
    normalize: true,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    maxTokens: 512,
    model: 'onnx/model_quantized.onnx',
    tokenizer: { type: 'huggingface', file: 'tokenizer.json', config: 'tokenizer_config.json' },
    license: 'MIT',
    source: 'https://huggingface.co/Xenova/multilingual-e5-small/tree/97cb8f96eaed1a1f0dac821239943e854fce9c36'
  }
}

/**
 * URL of one file of an entry: `<base>/<repo>/resolve/<revision>/<path>`.
 * `mirror` is an HF_ENDPOINT-style base URL (e.g. `https://hf-mirror.com`); default huggingface.co.
 * Throws a TypeError when the mirror is not an http(s) URL.
 */
export function fileUrl(entry: CatalogEntry, filePath: string, mirror?: string): string {
  const base = (mirror?.trim() || DEFAULT_MODEL_HOST).replace(/\/+$/, '')
  let parsed: URL
  try {
    parsed = new URL(base)
  } catch {
    throw new TypeError(`The model mirror "${base}" is not a URL (expected e.g. https://hf-mirror.com).`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`The model mirror "${base}" must start with http:// or https://.`)
  }
  const encodedPath = filePath.split('/').map(encodeURIComponent).join('/')
  return `${base}/${entry.repo}/resolve/${entry.revision}/${encodedPath}`
}

/**
 * The semnote-pack.json content for an entry: its manifest values plus the sha256 of every file.
 * Throws when the manifest names a model or tokenizer file the entry does not fetch.
 */
export function packManifestFor(entry: CatalogEntry): PackManifest {
  const sha256 = Object.fromEntries(entry.files.map((f) => [f.path, f.sha256]))
  const tokenizer = entry.manifest.tokenizer
  const needed = [entry.manifest.model, ...(tokenizer.type === 'huggingface' ? [tokenizer.file, tokenizer.config] : [tokenizer.vocab])]
  for (const file of needed) {
    if (file !== undefined && !(file in sha256)) {
      throw new Error(`Catalog entry ${entry.manifest.id} names ${file} in its manifest but does not list it among its files.`)
    }
  }
  return packManifestSchema.parse({ ...entry.manifest, sha256 })
}
