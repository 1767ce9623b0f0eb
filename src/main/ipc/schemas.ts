// zod schemas for every renderer call's payload: strict objects, capped strings and arrays, no prototype-pollution keys.
import { z } from 'zod'
import type { ApiArg, ApiCallName } from '../../shared/api'
import { pathString, settingsPatchSchema } from '../settings'

/** Keys that must never appear anywhere in a payload. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
/** Payloads are small: these bounds are far above any legitimate call and stop hostile ones before parsing. */
const MAX_DEPTH = 6
const MAX_NODES = 25_000

const pathList = (max: number) => z.array(pathString).min(1).max(max)
const epochMs = z.number().int().min(0).max(8.64e15)

const searchRequest = z.strictObject({
  query: z.string().max(2000),
  mode: z.enum(['hybrid', 'semantic', 'keyword']).optional(),
  filters: z
    .strictObject({
      roots: z.array(pathString).max(200).optional(),
      pathPrefix: pathString.optional(),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,16}$/, 'extensions are lower-case, without the dot'))
        .max(50)
        .optional(),
      modifiedAfter: epochMs.optional(),
      modifiedBefore: epochMs.optional(),
      tags: z
        .array(z.string().min(1).max(100).refine((tag) => !/[\p{Cc}]/u.test(tag), 'tags have no control characters'))
        .max(50)
        .optional()
    })
    .optional(),
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).max(100_000).optional(),
  scoreSentences: z.boolean().optional()
})

const noArgument = z.undefined()

/** One schema per call; the mapped type makes a missing or mistyped schema a compile error. */
export const apiArgSchemas: { [K in ApiCallName]: z.ZodType<ApiArg<K>> } = {
  search: searchRequest,
  highlightSentence: z.strictObject({ query: z.string().max(2000), text: z.string().max(50_000) }),
  related: z.strictObject({ path: pathString, limit: z.number().int().min(1).max(100).optional() }),
  status: noArgument,
  previewRoot: z.strictObject({ path: pathString }),
  addRoots: z.strictObject({ paths: pathList(50) }),
  removeRoot: z.strictObject({ path: pathString }),
  indexFiles: z.strictObject({ paths: pathList(5000) }),
  pauseIndexing: noArgument,
  resumeIndexing: noArgument,
  readNote: z.strictObject({ path: pathString, page: z.number().int().min(1).max(1_000_000).optional() }),
  openNote: z.strictObject({
    path: pathString,
    line: z.number().int().min(1).max(10_000_000).optional(),
    page: z.number().int().min(1).max(1_000_000).optional()
  }),
  revealNote: z.strictObject({ path: pathString }),
  getSettings: noArgument,
  updateSettings: settingsPatchSchema,
  chooseFolder: noArgument,
  retryModelDownload: noArgument,
  chooseModelFolder: noArgument,
  hidePopup: noArgument,
  addSampleNotes: noArgument,
  shellStatus: noArgument,
  map: z.strictObject({ wait: z.boolean().optional() }),
  mapLocate: z.strictObject({ query: z.string().max(2000) })
}

/**
 * Walks a payload before schema parsing: rejects forbidden keys at any depth, deep nesting and huge
 * payloads. Returns the reason it is unacceptable, or null when it may be parsed.
 */
export function payloadShapeProblem(payload: unknown): string | null {
  let nodes = 0
  const stack: { value: unknown; depth: number }[] = [{ value: payload, depth: 0 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!
    if (++nodes > MAX_NODES) return `payload has more than ${MAX_NODES} values`
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_DEPTH) return `payload nests deeper than ${MAX_DEPTH} levels`
    const proto = Object.getPrototypeOf(value)
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return 'payload holds a non-plain object'
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'symbol') return 'payload has a symbol key'
      if (FORBIDDEN_KEYS.has(key)) return `payload has a forbidden key "${key}"`
      if (Array.isArray(value) && key === 'length') continue
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 })
    }
  }
  return null
}

/** Validates a call's payload; returns the parsed value or a human-readable reason. */
export function parseApiArg<K extends ApiCallName>(name: K, payload: unknown): { ok: true; value: ApiArg<K> } | { ok: false; reason: string } {
  const shape = payloadShapeProblem(payload)
  if (shape !== null) return { ok: false, reason: shape }
  const parsed = apiArgSchemas[name].safeParse(payload)
  if (parsed.success) return { ok: true, value: parsed.data }
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`)
    .join('; ')
  return { ok: false, reason }
}
