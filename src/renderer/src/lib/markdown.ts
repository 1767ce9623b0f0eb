// Turns note Markdown into sanitized HTML for the preview: markdown-it (raw HTML off, image/link policy) then DOMPurify.
import MarkdownIt from 'markdown-it'
import DOMPurify from 'dompurify'
import { replaceWikiLinks } from '../../../shared/wiki-links'

export interface RenderOptions {
  /** Keep https images; otherwise they become a "blocked image" placeholder (plain http images always do). */
  allowRemoteImages: boolean
}

const REMOTE_IMAGE = /^https:\/\//i
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i
/** The only URLs that survive sanitizing: web links, mail links, in-page anchors and inline raster images. */
const ALLOWED_URI = /^(?:https?:|mailto:|#|data:image\/(?:png|gif|jpe?g|webp);)/i
const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math', 'template']
const FORBIDDEN_ATTRS = ['style', 'srcdoc', 'formaction', 'xlink:href', 'action', 'srcset']

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false })

// Every block that maps to source lines carries them, so the preview can scroll to and mark a hit.
markdown.core.ruler.push('source_lines', (state) => {
  for (const token of state.tokens) {
    if (token.map && token.nesting === 1) {
      token.attrSet('data-line', String(token.map[0] + 1))
      token.attrSet('data-line-end', String(token.map[1]))
    }
  }
})

// Wiki links and embeds show their words, as the passages Semnote found in them do.
markdown.core.ruler.push('wiki_links', (state) => {
  for (const token of state.tokens) {
    for (const child of token.type === 'inline' ? (token.children ?? []) : []) {
      if (child.type === 'text') child.content = replaceWikiLinks(child.content)
    }
  }
})

// Images: inline rasters always; https only when allowed; anything else (http, relative, file:) is blocked.
const renderImage = markdown.renderer.rules.image!
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]
  const src = String(token.attrGet('src') ?? '')
  const allowRemote = (env as Partial<RenderOptions> | undefined)?.allowRemoteImages === true
  if (!(INLINE_IMAGE.test(src) || (allowRemote && REMOTE_IMAGE.test(src)))) {
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'src')
    token.attrSet('data-blocked-src', src)
    token.attrJoin('class', 'blocked-image')
  }
  return renderImage(tokens, index, options, env, self)
}

// Links never pass a referrer or opener.
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow')
  return self.renderToken(tokens, index, options)
}

let purifier: ReturnType<typeof DOMPurify> | undefined

/** Sanitizes an HTML string with the preview's policy: no scripts, handlers, styles, frames or unsafe URLs. */
export function sanitizeHtml(html: string): string {
  purifier ??= DOMPurify(window)
  return purifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: FORBIDDEN_ATTRS,
    ALLOWED_URI_REGEXP: ALLOWED_URI,
    ALLOW_DATA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false
  })
}

/** Blanks a leading YAML front matter block, keeping its lines so source line numbers stay right. */
export function blankFrontMatter(source: string): string {
  const lines = source.split('\n')
  if (lines[0]?.replace(/\r$/, '') !== '---') return source
  const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\r?$/.test(line))
  if (end < 0) return source
  return lines.map((line, i) => (i <= end ? '' : line)).join('\n')
}

/** Renders Markdown to sanitized HTML; raw HTML in the note is shown as text, never parsed. */
export function renderMarkdown(source: string, options: RenderOptions): string {
  return sanitizeHtml(markdown.render(blankFrontMatter(source), { ...options }))
}

/** Whether a note with this extension is rendered as Markdown (others are shown as plain text). */
export function isMarkdown(ext: string): boolean {
  return ['md', 'markdown', 'mdown', 'mkd', 'mdx'].includes(ext.toLowerCase())
}
