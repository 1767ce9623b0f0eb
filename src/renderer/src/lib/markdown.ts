// Turns note Markdown into sanitized HTML for the preview: markdown-it (raw HTML off) then DOMPurify.
import MarkdownIt from 'markdown-it'
import DOMPurify from 'dompurify'

export interface RenderOptions {
  /** Keep http(s) images; otherwise they become a "blocked image" placeholder. */
  allowRemoteImages: boolean
}

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

const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'svg', 'math', 'template']
const SAFE_URL = /^(?:https?:|mailto:|#)/i
const REMOTE_URL = /^(?:https?:)?\/\//i
const INLINE_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);/i

let purifier: ReturnType<typeof DOMPurify> | undefined
let hookOptions: RenderOptions = { allowRemoteImages: false }

/** One DOMPurify instance with hooks that read the options of the render in progress. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier
  purifier = DOMPurify(window)
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element
    if (element.tagName === 'A') {
      const href = element.getAttribute('href') ?? ''
      if (!SAFE_URL.test(href)) element.removeAttribute('href')
      element.setAttribute('rel', 'noopener noreferrer nofollow')
      element.removeAttribute('target')
    }
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? ''
      const allowed = INLINE_IMAGE.test(src) || (hookOptions.allowRemoteImages && REMOTE_URL.test(src))
      if (!allowed) {
        element.removeAttribute('src')
        element.removeAttribute('srcset')
        element.setAttribute('data-blocked-src', src)
        element.classList.add('blocked-image')
      }
    }
  })
  return purifier
}

/** Sanitizes an HTML string with the preview's policy: no scripts, handlers, styles, frames or unsafe URLs. */
export function sanitizeHtml(html: string, options: RenderOptions): string {
  hookOptions = options
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: FORBIDDEN_TAGS,
    FORBID_ATTR: ['style', 'srcdoc', 'formaction', 'xlink:href', 'action'],
    ALLOW_DATA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false
  })
}

/** Renders Markdown to sanitized HTML; raw HTML in the note is shown as text, never parsed. */
export function renderMarkdown(source: string, options: RenderOptions): string {
  return sanitizeHtml(markdown.render(source), options)
}

/** Whether a note with this extension is rendered as Markdown (others are shown as plain text). */
export function isMarkdown(ext: string): boolean {
  return ['md', 'markdown', 'mdown', 'mkd', 'mdx'].includes(ext.toLowerCase())
}
