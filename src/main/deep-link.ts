// semnote:// links from launchers and other apps: semnote://search?q=…&mode=… and semnote://open?path=…&line=…,
// validated like IPC payloads (zod, length caps); a forged or malformed link is reported and does nothing else.
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { SEARCH_MODES, type SearchMode } from '../shared/types'
import { pathString } from './settings'

export const DEEP_LINK_SCHEME = 'semnote'
/** Longer links are refused before parsing (a 4096-character path plus its encoding fits). */
const MAX_LINK_LENGTH = 16_384

export type DeepLink = { kind: 'search'; query: string; mode?: SearchMode } | { kind: 'open'; path: string; line?: number }

const searchParams = z.strictObject({
  q: z.string().trim().min(1, 'the query is empty').max(2000),
  mode: z.enum(SEARCH_MODES as [SearchMode, ...SearchMode[]]).optional()
})

const openParams = z.strictObject({
  path: pathString.refine((path) => isAbsolute(path), 'the path is not absolute'),
  line: z
    .string()
    .regex(/^[1-9][0-9]{0,7}$/, 'the line is not a positive whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(10_000_000))
    .optional()
})

/** Reads a semnote:// link; returns what it asks for, or why it is refused. Never throws. */
export function parseDeepLink(url: unknown): { ok: true; link: DeepLink } | { ok: false; reason: string } {
  if (typeof url !== 'string') return { ok: false, reason: 'not a link' }
  if (url.length > MAX_LINK_LENGTH) return { ok: false, reason: `the link is longer than ${MAX_LINK_LENGTH} characters` }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, reason: 'not a valid link' }
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:`) return { ok: false, reason: `not a ${DEEP_LINK_SCHEME}: link` }
  // semnote://search?… (host "search"); a trailing slash is tolerated, a path or credentials are not.
  const action = parsed.hostname.toLowerCase()
  if (parsed.username || parsed.password || parsed.port || !['', '/'].includes(parsed.pathname) || parsed.hash) {
    return { ok: false, reason: 'the link has parts Semnote does not use' }
  }
  const params: Record<string, string> = {}
  for (const [key, value] of parsed.searchParams) {
    if (Object.prototype.hasOwnProperty.call(params, key)) return { ok: false, reason: `"${key.slice(0, 40)}" is given twice` }
    params[key] = value
  }
  const schema = action === 'search' ? searchParams : action === 'open' ? openParams : null
  if (schema === null) return { ok: false, reason: `unknown action "${action.slice(0, 40)}" (use search or open)` }
  const result = schema.safeParse(params)
  if (!result.success) {
    const issue = result.error.issues[0]
    return { ok: false, reason: `${issue?.path.join('.') || 'link'}: ${issue?.message ?? 'invalid'}` }
  }
  if (action === 'search') {
    const { q, mode } = result.data as z.infer<typeof searchParams>
    return { ok: true, link: { kind: 'search', query: q, ...(mode ? { mode } : {}) } }
  }
  const { path, line } = result.data as z.infer<typeof openParams>
  return { ok: true, link: { kind: 'open', path, ...(line !== undefined ? { line } : {}) } }
}

/** The semnote: link among command-line arguments (a launch or a second instance's argv), if any. */
export function findDeepLink(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`) ?? null
}

/** What following a link does in the app. */
export interface DeepLinkActions {
  /** Shows the quick-search popup searching for `query`. */
  search(query: string, mode?: SearchMode): void
  /** Opens a note, only inside the indexed roots (the engine resolves it like the openNote call). */
  open(path: string, line?: number): Promise<void>
  /** Tells the user a link was not followed (log and notification). */
  report(message: string): void
}

/** Follows `url`: a refused link or a failed open is reported, never thrown. */
export async function followDeepLink(url: unknown, actions: DeepLinkActions): Promise<void> {
  const parsed = parseDeepLink(url)
  if (!parsed.ok) {
    actions.report(`Semnote ignored a link: ${parsed.reason}.`)
    return
  }
  const { link } = parsed
  try {
    if (link.kind === 'search') actions.search(link.query, link.mode)
    else await actions.open(link.path, link.line)
  } catch (error) {
    actions.report(`Semnote could not open ${link.kind === 'open' ? link.path : 'the search'}: ${(error as Error)?.message ?? String(error)}`)
  }
}
