// EPUB -> document parts: the package (OPF) gives title, authors and the spine; chapters are read in spine order by the
// HTML walker, so each chapter's headings make the heading path (a chapter without one is headed by its table-of-contents
// label). Scripts are dropped, nothing outside the file is fetched, DRM-encrypted chapters make a skip.
import { posix } from 'node:path'
import { DocBuilder } from '../doc-builder'
import { walkHtml } from '../html'
import type { ExtractorOutcome } from '../types'
import type { ZipLimits } from './limits'
import { SafeZip, ZipLimitError } from './safe-zip'
import { allTexts, firstText, xmlElements } from './xml-text'

/** Chapters read at most (past this a warning says how many were left out). */
const MAX_CHAPTERS = 2000
/** Algorithm URI of font obfuscation, the only "encryption" an EPUB may carry and still be read. */
const FONT_OBFUSCATION = /idpf\.org\/2008\/embedding|ns\.adobe\.com\/pdf\/enc#RC/

/** A path inside the container from an href relative to `base` (a file inside it), without fragment and URL escapes. */
function resolveHref(base: string, href: string): string {
  const path = href.split('#')[0] ?? ''
  let decoded = path
  try {
    decoded = decodeURIComponent(path)
  } catch {
    // A malformed escape: use the href as written.
  }
  return posix.normalize(posix.join(posix.dirname(base), decoded)).replace(/^(\.\.\/)+/, '')
}

/** Table-of-contents labels by chapter path, from the EPUB 3 nav document or the EPUB 2 NCX. */
async function tocLabels(zip: SafeZip, items: { href: string; properties: string; mediaType: string }[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>()
  const nav = items.find((item) => item.properties.split(/\s+/).includes('nav'))
  if (nav && zip.has(nav.href)) {
    for (const link of xmlElements(await zip.text(nav.href), new Set(['a']))) {
      const target = link.attributes.href ? resolveHref(nav.href, link.attributes.href) : ''
      if (target && link.text && !labels.has(target)) labels.set(target, link.text)
    }
  }
  const ncx = items.find((item) => item.mediaType === 'application/x-dtbncx+xml')
  if (labels.size === 0 && ncx && zip.has(ncx.href)) {
    let label = ''
    for (const element of xmlElements(await zip.text(ncx.href), new Set(['text', 'content']))) {
      if (element.name === 'text') label = element.text
      else if (element.attributes.src && label) {
        const target = resolveHref(ncx.href, element.attributes.src)
        if (!labels.has(target)) labels.set(target, label)
      }
    }
  }
  return labels
}

/** Extracts an .epub: chapters in reading order with their headings; title, authors and language from the package. */
export async function extractEpub(bytes: Uint8Array, limits?: ZipLimits): Promise<ExtractorOutcome> {
  const zip = await SafeZip.open(bytes, 'EPUB', limits)
  if (!(zip instanceof SafeZip)) return zip
  try {
    if (!zip.has('META-INF/container.xml')) return { ok: false, reason: 'error', detail: 'damaged or not an EPUB (no META-INF/container.xml)' }
    const rootfile = xmlElements(await zip.text('META-INF/container.xml'), new Set(['rootfile'])).find((r) => r.attributes['full-path'])
    const opfPath = rootfile?.attributes['full-path'] ?? ''
    if (!zip.has(opfPath)) return { ok: false, reason: 'error', detail: 'damaged EPUB (its package document is missing)' }
    const opf = xmlElements(await zip.text(opfPath), new Set(['dc:title', 'dc:creator', 'dc:language', 'item', 'itemref']))
    const items = opf
      .filter((element) => element.name === 'item' && element.attributes.href)
      .map((element) => ({
        id: element.attributes.id ?? '',
        href: resolveHref(opfPath, element.attributes.href!),
        mediaType: element.attributes['media-type'] ?? '',
        properties: element.attributes.properties ?? ''
      }))
    const byId = new Map(items.map((item) => [item.id, item]))
    const spine = opf
      .filter((element) => element.name === 'itemref' && element.attributes.linear !== 'no')
      .map((element) => byId.get(element.attributes.idref ?? ''))
      .filter((item): item is (typeof items)[number] => !!item && /html|xml/.test(item.mediaType))
    if (zip.has('META-INF/encryption.xml')) {
      const encrypted = xmlElements(await zip.text('META-INF/encryption.xml'), new Set(['EncryptionMethod', 'CipherReference']), true)
      const methods = encrypted.filter((e) => e.name === 'EncryptionMethod').map((e) => e.attributes.Algorithm ?? '')
      const targets = new Set(encrypted.filter((e) => e.name === 'CipherReference').map((e) => resolveHref('', e.attributes.URI ?? '')))
      if (methods.some((method) => !FONT_OBFUSCATION.test(method)) && spine.some((item) => targets.has(item.href))) {
        return { ok: false, reason: 'encrypted', detail: 'DRM-protected EPUB: its chapters are encrypted' }
      }
    }
    const labels = await tocLabels(zip, items)
    const builder = new DocBuilder()
    const warnings: string[] = []
    for (const [index, chapter] of spine.entries()) {
      if (index >= MAX_CHAPTERS) {
        warnings.push(`only the first ${MAX_CHAPTERS} of ${spine.length} chapters were read`)
        break
      }
      if (!zip.has(chapter.href)) {
        warnings.push(`chapter ${chapter.href} is missing`)
        continue
      }
      const before = builder.blocks.length
      const label = labels.get(chapter.href)
      if (label) builder.heading(1, label, 1)
      walkHtml(await zip.text(chapter.href), builder)
      // The chapter's own first heading repeats its table-of-contents label: keep one.
      const own = builder.blocks[before + 1]
      if (label && own?.kind === 'heading' && own.text.toLowerCase() === label.toLowerCase()) {
        builder.blocks.splice(before, 1)
      }
    }
    const title = firstText(opf, 'dc:title')
    const lang = firstText(opf, 'dc:language')
    return {
      ok: true,
      parts: {
        ...(title ? { title } : {}),
        ...(lang && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? { lang } : {}),
        aliases: allTexts(opf, 'dc:creator'),
        blocks: builder.blocks,
        warnings,
        encoding: 'epub',
        lineCount: 0,
        lineBasis: 'text'
      }
    }
  } catch (error) {
    if (error instanceof ZipLimitError) return { ok: false, reason: 'limit', detail: `zip bomb: ${error.message}` }
    throw error
  }
}
