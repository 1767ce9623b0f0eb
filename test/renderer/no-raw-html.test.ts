// Lint: note text reaches the DOM only as text; the single v-html is the sanitizer component's DOMPurify output.
/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'

const SANITIZER = 'components/SanitizedMarkdown.vue'

// Every renderer source file as text, keyed by its path below src/renderer/.
const raw = import.meta.glob('../../src/renderer/**/*.{vue,ts,html}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>
const sources = Object.entries(raw).map(([path, text]) => ({ file: path.replace('../../src/renderer/', '').replace(/^src\//, ''), text }))

/** v-html bindings as [file, expression]. */
function vHtmlBindings(source: string): string[] {
  return [...source.matchAll(/\bv-html\s*=\s*"([^"]*)"/g)].map((m) => m[1].trim())
}

describe('no unsanitized HTML in the renderer', () => {
  it('finds v-html bindings (self-check)', () => {
    expect(vHtmlBindings('<div v-html="note.text"></div><p v-html = "x"></p>')).toEqual(['note.text', 'x'])
  })

  it('uses v-html only in the sanitizer component, bound to its DOMPurify output', () => {
    const uses = sources.flatMap((s) => vHtmlBindings(s.text).map((expr) => `${s.file}: ${expr}`))
    expect(uses).toEqual([`${SANITIZER}: sanitized`])
    const sanitizer = sources.find((s) => s.file === SANITIZER)!.text
    expect(sanitizer).toMatch(/const sanitized = computed\(\(\) => renderMarkdown\(/)
    const markdownLib = sources.find((s) => s.file === 'lib/markdown.ts')!.text
    expect(markdownLib).toMatch(/return sanitizeHtml\(markdown\.render\(/)
    expect(markdownLib).toMatch(/new MarkdownIt\(\{ html: false/)
  })

  it('never writes HTML strings into the DOM by hand', () => {
    const pattern = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|new Function|\beval\(/
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([])
  })

  it('carries the strict CSP in both HTML entry points', () => {
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
    for (const page of ['index.html', 'popup.html']) {
      const html = sources.find((s) => s.file === page)!.text
      expect(html.replace(/\s+/g, ' ')).toContain(`http-equiv="Content-Security-Policy" content="${csp}"`)
    }
  })
})
