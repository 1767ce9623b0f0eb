// Conventions of note apps (Obsidian, Logseq, Foam): [[wiki links]] and ![[embeds]] read as their visible words
// (shared/wiki-links.ts, the preview renders them the same way), #tags collected.
export { replaceWikiLinks } from '../../../shared/wiki-links'

/**
 * An inline tag: "#" after a line start or white space (or an opening bracket), then letters, digits, "_", "-" or "/",
 * with at least one character that is not a digit ("#123" is an issue number, not a tag). Logseq's `#[[two words]]` too.
 */
const INLINE_TAG = /(?<=^|[\s(（「『【、，。,;:])#(?:\[\[([^\]\n]{1,100})\]\]|([\p{L}\p{N}\p{M}_\-/]{1,100}))/gu
const LONGEST_TAG = 100

/** A tag as Semnote keeps it: no leading "#", no surrounding or inner line breaks, at most LONGEST_TAG characters; "" if nothing is left. */
export function normaliseTag(raw: string): string {
  const tag = raw.replace(/^#+/, '').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim().replace(/^\/+|\/+$/g, '')
  return tag.length > LONGEST_TAG ? '' : tag
}

/** The inline #tags of a line of text (outside code), in order of appearance, normalised. */
export function inlineTags(line: string): string[] {
  if (!line.includes('#')) return []
  const tags: string[] = []
  for (const match of line.matchAll(INLINE_TAG)) {
    const tag = normaliseTag(match[1] ?? match[2] ?? '')
    if (tag && !/^[\d/_-]+$/.test(tag)) tags.push(tag)
  }
  return tags
}

/** `lists` merged, case-insensitively unique, first spelling kept, empty entries dropped. */
export function uniqueTags(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Map<string, string>()
  for (const tag of lists.flat()) {
    const normal = normaliseTag(tag)
    if (normal && !seen.has(normal.toLowerCase())) seen.set(normal.toLowerCase(), normal)
  }
  return [...seen.values()]
}
