// @vitest-environment happy-dom
// Note: under happy-dom 21 DOMPurify does not walk the tree (it returns its input), so these tests prove the
// Markdown layer (raw HTML off, URL/image policy) and text-only rendering; test/e2e proves the full chain in Chromium.
// Malicious note content (scripts, handlers, javascript: links, svg, iframes, style expressions) renders inert in results and preview.
import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/renderer/src/lib/markdown'
import { SENTINEL, XSS_PAYLOADS, xssNote } from '../e2e/fixtures/xss-payloads'
import { createFakeApi, makeHit, respond } from './fake-api'
import { mountWithApi } from './mount-app'

const DANGEROUS_TAGS = 'script, iframe, frame, object, embed, svg, math, form, style, link, meta, base, template, input, video, audio, marquee, noscript'
const UNSAFE_URL = /^\s*(javascript|vbscript|data:text|data:image\/svg)/i

/** Every way a rendered subtree could run code or load something it should not. */
function problemsIn(root: Element): string[] {
  const problems: string[] = []
  for (const el of root.querySelectorAll(DANGEROUS_TAGS)) problems.push(`<${el.tagName.toLowerCase()}>`)
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on')) problems.push(`${el.tagName} ${name}`)
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc'].includes(name) && (UNSAFE_URL.test(attr.value) || name === 'srcdoc'))
        problems.push(`${el.tagName} ${name}=${attr.value}`)
      if (name === 'src' && /^(https?:)?\/\//i.test(attr.value)) problems.push(`remote ${el.tagName} src`)
      if (name === 'style' && !el.matches('.score-fill, .progress-fill')) problems.push(`${el.tagName} style`)
    }
  }
  return problems
}

afterEach(() => {
  delete (window as unknown as Record<string, unknown>)[SENTINEL]
})

describe('the XSS corpus', () => {
  it('has at least 30 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30)
  })

  it('the check itself spots a live handler, a javascript: link and a script', () => {
    const probe = document.createElement('div')
    probe.innerHTML = '<img src="x.png" onerror="x()"><a href="javascript:x()">a</a><script>x()</script>'
    expect(problemsIn(probe)).toEqual(expect.arrayContaining(['IMG onerror', 'A href=javascript:x()', '<script>']))
  })

  it.each(XSS_PAYLOADS)('payload $id ($vector) renders inert through the Markdown sanitizer', (payload) => {
    const host = document.createElement('div')
    host.innerHTML = renderMarkdown(xssNote(payload), { allowRemoteImages: false })
    expect(problemsIn(host)).toEqual([])
  })
})

describe('a malicious note in the app', () => {
  it('shows titles and passages as literal text in the results, and the preview inert', async () => {
    const fake = createFakeApi()
    const hits = XSS_PAYLOADS.map((p) => makeHit(`payload-${p.id}`, p.text, { title: `<img src=x onerror=${SENTINEL}=1> ${p.id}` }, { highlights: [{ start: 0, end: Math.min(8, p.text.length), kind: 'term' }] }))
    fake.handlers.search = (request) => respond(request, hits)
    fake.handlers.readNote = ({ path }) => {
      const id = Number(/payload-(\d+)/.exec(path)?.[1])
      return { path, title: `Payload ${id}`, ext: 'md', text: xssNote(XSS_PAYLOADS[id - 1]), mtime: 0 }
    }
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    ;(input.element as HTMLInputElement).value = 'quokka'
    await input.trigger('input')
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()

    const options = wrapper.findAll('[role="option"]')
    expect(options).toHaveLength(XSS_PAYLOADS.length)
    // The payload is visible as text, exactly as written in the note.
    expect(options[0].get('.result-passage').text()).toBe(XSS_PAYLOADS[0].text)
    expect(options[0].get('.result-title').text()).toContain('<img src=x onerror=')

    for (let i = 0; i < XSS_PAYLOADS.length; i++) {
      await flushPromises()
      const preview = wrapper.get('section.preview')
      expect(preview.find('.markdown-body').exists()).toBe(true)
      expect(problemsIn(wrapper.get('section.results').element), `results, payload ${i + 1}`).toEqual([])
      expect(problemsIn(preview.element), `preview, payload ${i + 1}`).toEqual([])
      await input.trigger('keydown', { key: 'ArrowDown' })
    }
    expect((window as unknown as Record<string, unknown>)[SENTINEL]).toBeUndefined()
  })

  it('keeps remote images only when the setting allows them', () => {
    const note = '![remote](https://example.org/a.png) ![inline](data:image/png;base64,iVBORw0KGgo=)'
    const blocked = document.createElement('div')
    blocked.innerHTML = renderMarkdown(note, { allowRemoteImages: false })
    const [remote, inline] = blocked.querySelectorAll('img')
    expect(remote.hasAttribute('src')).toBe(false)
    expect(remote.getAttribute('data-blocked-src')).toBe('https://example.org/a.png')
    expect(inline.getAttribute('src')).toMatch(/^data:image\/png/)
    const allowed = document.createElement('div')
    allowed.innerHTML = renderMarkdown(note, { allowRemoteImages: true })
    expect(allowed.querySelector('img')?.getAttribute('src')).toBe('https://example.org/a.png')
    const plainHttp = document.createElement('div')
    plainHttp.innerHTML = renderMarkdown('![insecure](http://example.org/a.png)', { allowRemoteImages: true })
    expect(plainHttp.querySelector('img')?.hasAttribute('src')).toBe(false)
  })
})
