// The model pack manifest (semnote-pack.json): what a pack folder holds and how to run it.
import { z } from 'zod'

export const PACK_MANIFEST_FILE = 'semnote-pack.json'

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a 64-character lower-case hex SHA-256')
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..'), 'a path inside the pack folder')

/** A Hugging Face tokenizer.json (+ optional tokenizer_config.json), run by @huggingface/tokenizers. */
const huggingFaceTokenizer = z.object({
  type: z.literal('huggingface'),
  file: relativePath,
  config: relativePath.optional()
})

/** Words found by Intl.Segmenter (CJK-aware), looked up in a vocabulary file (one word per line, line n = id n). */
const wordSegmenterTokenizer = z.object({
  type: z.literal('word-segmenter'),
  vocab: relativePath,
  lowercase: z.boolean().default(true),
  /** Id fed for words not in the vocabulary. */
  unknownId: z.number().int().nonnegative(),
  /** Id used to pad a batch (masked out by attention_mask). */
  padId: z.number().int().nonnegative(),
  /** Optional file of suffix rewrites for unknown words, one `suffix<TAB>replacement` per line, tried in order. */
  suffixRules: relativePath.optional(),
  /** Unknown words hash (FNV-1a 32 of their UTF-8) into `count` ids from `offset` instead of mapping to unknownId. */
  hashBuckets: z.object({ offset: z.number().int().nonnegative(), count: z.number().int().positive() }).optional(),
  /** Split unknown CJK words into known single characters. */
  cjkCharacters: z.boolean().default(false),
  /** Split unknown long words into two known parts (compounds). */
  compounds: z.boolean().default(false),
  /** Read unknown Korean words as their longest known beginning (particles and endings follow the stem). */
  koreanStems: z.boolean().default(false),
  /** Read unknown Arabic words without their attached article or conjunction. */
  arabicPrefixes: z.boolean().default(false),
  /** Read unknown Greek words with their accent moved (inflection) or restored (words written in capitals). */
  greekAccents: z.boolean().default(false),
  /** Read unknown Russian and Ukrainian words without their reflexive ending -ся / -сь (используется -> использует). */
  reflexivePostfix: z.boolean().default(false),
  /** Read unknown French and Italian words without the word elided onto them (l'option -> option). */
  elisions: z.boolean().default(false)
})

export const packManifestSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ -'),
  name: z.string().min(1),
  /** Output vector size; checked against the graph's output at load time. */
  dimension: z.number().int().positive().max(8192),
  /** `mean`/`cls`: pool `last_hidden_state`; `none`: the graph already outputs one vector per text. */
  pooling: z.enum(['mean', 'cls', 'none']),
  normalize: z.boolean(),
  queryPrefix: z.string(),
  passagePrefix: z.string(),
  maxTokens: z.number().int().positive().max(32768),
  model: relativePath,
  /** The graph output to read (default: last_hidden_state for mean/cls, sentence_embedding for none). */
  output: z.string().optional(),
  /**
   * Largest onnxruntime run, in padded tokens and in texts (default 512 and 32: the best measured for transformer
   * encoders). A static-embedding graph costs little per token and much per run, so its pack asks for more.
   */
  batch: z.object({ tokens: z.number().int().positive().max(1 << 20), texts: z.number().int().positive().max(4096) }).optional(),
  tokenizer: z.discriminatedUnion('type', [huggingFaceTokenizer, wordSegmenterTokenizer]),
  /** The query-translation lexicon shipped with the pack (read by the keyword leg, with or without the model). */
  queryLexicon: relativePath.optional(),
  /** SHA-256 of every file above, by relative path. */
  sha256: z.record(relativePath, sha256Hex),
  license: z.string().optional(),
  source: z.string().optional()
})

export type PackManifest = z.infer<typeof packManifestSchema>
