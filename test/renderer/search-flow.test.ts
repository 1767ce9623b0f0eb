// @vitest-environment happy-dom
// Search view behaviour: debounced typing, stale replies dropped, IME composition, keyboard model, empty states.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SearchRequest, SearchResponse } from '../../src/shared/types'
import { createFakeApi, deferred, makeHit, makeStatus, respond } from './fake-api'
import { mountWithApi } from './mount-app'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(Date.UTC(2026, 0, 10))
})
afterEach(() => {
  vi.useRealTimers()
})

async function type(input: { element: Element; trigger: (e: string) => Promise<void> }, text: string): Promise<void> {
  ;(input.element as HTMLInputElement).value = text
  await input.trigger('input')
}

describe('search as you type', () => {
  it('sends one request after the debounce with the last text, mode and page size', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'c')
    await vi.advanceTimersByTimeAsync(50)
    await type(input, 'ca')
    await vi.advanceTimersByTimeAsync(50)
    await type(input, 'cat')
    expect(fake.callsOf('search')).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(100)
    expect(fake.callsOf('search')).toEqual([{ query: 'cat', mode: 'hybrid', filters: {}, limit: 20, offset: 0, scoreSentences: false }])
  })

  it('drops a reply that arrives after a newer query was sent', async () => {
    const fake = createFakeApi()
    const pending: { request: SearchRequest; reply: ReturnType<typeof deferred<SearchResponse>> }[] = []
    fake.handlers.search = (request) => {
      const reply = deferred<SearchResponse>()
      pending.push({ request, reply })
      return reply.promise
    }
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'old')
    await vi.advanceTimersByTimeAsync(100)
    await type(input, 'new')
    await vi.advanceTimersByTimeAsync(100)
    expect(pending.map((p) => p.request.query)).toEqual(['old', 'new'])
    pending[1].reply.resolve(respond(pending[1].request, [makeHit('fresh', 'fresh passage')]))
    await flushPromises()
    pending[0].reply.resolve(respond(pending[0].request, [makeHit('stale', 'stale passage')]))
    await flushPromises()
    const titles = wrapper.findAll('[role="option"] .result-title').map((t) => t.text())
    expect(titles).toEqual(['fresh'])
  })

  it('clears the results at once when the input is emptied, ignoring replies in flight', async () => {
    const fake = createFakeApi()
    const reply = deferred<SearchResponse>()
    fake.handlers.search = () => reply.promise
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'tea')
    await vi.advanceTimersByTimeAsync(100)
    await type(input, '')
    await vi.advanceTimersByTimeAsync(0)
    reply.resolve(respond({ query: 'tea' }, [makeHit('tea', 'green tea')]))
    await flushPromises()
    expect(wrapper.findAll('[role="option"]')).toHaveLength(0)
  })

  it('re-runs the query when the mode changes', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    await type(wrapper.get('input.search-input'), 'moon')
    await vi.advanceTimersByTimeAsync(100)
    await wrapper.get('[data-mode="keyword"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('search').map((r) => (r as SearchRequest).mode)).toEqual(['hybrid', 'keyword'])
  })
})

describe('paging', () => {
  it('"Show more" fetches the next page and appends it, keeping the active result', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request) => {
      const offset = request.offset ?? 0
      const hits = Array.from({ length: offset ? 1 : 2 }, (_, i) => makeHit(`note-${offset + i}`, 'text'))
      return { ...respond(request, hits), total: 3 }
    }
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'text')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(wrapper.get('.results-count').text()).toBe('3 notes')
    await wrapper.get('button.more').trigger('click')
    await flushPromises()
    expect((fake.callsOf('search').at(-1) as SearchRequest).offset).toBe(2)
    expect(wrapper.findAll('[role="option"] .result-title').map((t) => t.text())).toEqual(['note-0', 'note-1', 'note-2'])
    expect(input.attributes('aria-activedescendant')).toBe('results-option-1')
    expect(wrapper.find('button.more').exists()).toBe(false)
  })
})

describe('filters', () => {
  it('sends folder, file type and date range filters with the query', async () => {
    const fake = createFakeApi()
    fake.handlers.status = () =>
      makeStatus({ roots: [{ path: '/home/ada/notes', state: 'watching', files: 1, chunks: 1 }, { path: '/home/ada/work', state: 'scanning', files: 0, chunks: 0 }] })
    const wrapper = await mountWithApi(fake)
    await type(wrapper.get('input.search-input'), 'plan')
    await vi.advanceTimersByTimeAsync(100)
    const chips = wrapper.findAll('.chip')
    expect(chips.map((c) => c.text())).toEqual(['All folders', 'notes', 'work'])
    await chips[2].trigger('click')
    await wrapper.findAll('.filter-bar select')[0].setValue('md')
    await wrapper.findAll('.filter-bar select')[1].setValue('custom')
    const [from, to] = wrapper.findAll('.filter-bar input[type="date"]')
    await from.setValue('2026-01-01')
    await to.setValue('2026-01-31')
    await flushPromises()
    const last = fake.callsOf('search').at(-1) as SearchRequest
    expect(last.filters).toEqual({
      roots: ['/home/ada/work'],
      extensions: ['md', 'markdown', 'mdx'],
      modifiedAfter: new Date(2026, 0, 1).getTime(),
      modifiedBefore: new Date(2026, 0, 31).getTime() + 86_400_000 - 1
    })
    expect(chips[2].attributes('aria-pressed')).toBe('true')
    await wrapper.get('.filter-bar button.ghost').trigger('click')
    await flushPromises()
    expect((fake.callsOf('search').at(-1) as SearchRequest).filters).toEqual({})
  })
})

describe('IME composition', () => {
  it('sends nothing while composing and searches the committed text once', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await input.trigger('compositionstart')
    await type(input, 'にほん')
    await type(input, '日本')
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.callsOf('search')).toHaveLength(0)
    // Enter confirms the IME candidate: it must not open anything.
    await input.trigger('keydown', { key: 'Enter', keyCode: 229, isComposing: true })
    expect(fake.callsOf('openNote')).toHaveLength(0)
    ;(input.element as HTMLInputElement).value = '日本語'
    await input.trigger('compositionend')
    await vi.advanceTimersByTimeAsync(100)
    expect(fake.callsOf('search').map((r) => (r as SearchRequest).query)).toEqual(['日本語'])
  })
})

describe('sentence closest in meaning', () => {
  it('is asked for the shown hit found by meaning after the results are in, and tints that sentence', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request) =>
      respond(request, [
        makeHit('zh', '晚上音乐很吵。我睡不着。', { reasons: ['semantic'] }),
        makeHit('en', 'Loud music. Again.', { reasons: ['keyword', 'semantic'] }, { highlights: [{ start: 0, end: 11, kind: 'sentence' }] }),
        makeHit('ja', '夜に音楽がうるさい。', { reasons: ['semantic'] })
      ])
    fake.handlers.highlightSentence = ({ text }) => (text.startsWith('晚上') ? { start: 0, end: 7 } : { start: 0, end: 10 })
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'loud music at night')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    // Only the active hit is asked about, with the query it was found for.
    expect(fake.callsOf('highlightSentence')).toEqual([{ query: 'loud music at night', text: '晚上音乐很吵。我睡不着。' }])
    expect(wrapper.findAll('[role="option"]')[0]!.get('mark.hl-sentence').text()).toBe('晚上音乐很吵。')
    // A hit that already has its sentence is not asked about; the next one found by meaning is, once it is shown.
    await input.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(fake.callsOf('highlightSentence')).toHaveLength(1)
    await input.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(fake.callsOf('highlightSentence')).toHaveLength(2)
    expect(wrapper.findAll('[role="option"]')[2]!.get('mark.hl-sentence').text()).toBe('夜に音楽がうるさい。')
    // Moving back asks nothing again.
    await input.trigger('keydown', { key: 'ArrowUp' })
    await input.trigger('keydown', { key: 'ArrowUp' })
    await flushPromises()
    expect(fake.callsOf('highlightSentence')).toHaveLength(2)
  })

  it('drops an answer that arrives after the query changed', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request) => respond(request, [makeHit(request.query, 'One sentence. Another one.', { reasons: ['semantic'] })])
    const answers: ((span: { start: number; end: number }) => void)[] = []
    fake.handlers.highlightSentence = () => new Promise((resolve) => answers.push(resolve))
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'first')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    await type(input, 'second')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    expect(answers).toHaveLength(2)
    answers[0]!({ start: 0, end: 13 }) // for "first": stale
    await flushPromises()
    expect(wrapper.findAll('mark.hl-sentence')).toHaveLength(0)
    answers[1]!({ start: 14, end: 26 })
    await flushPromises()
    expect(wrapper.get('mark.hl-sentence').text()).toBe('Another one.')
  })
})

describe('keyboard model', () => {
  async function withThreeHits() {
    const fake = createFakeApi()
    fake.handlers.search = (request) =>
      respond(request, [makeHit('alpha', 'first'), makeHit('beta', 'second', {}, { lineStart: 7, lineEnd: 9 }), makeHit('gamma', 'third')])
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    await type(input, 'notes')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    return { fake, wrapper, input }
  }

  it('uses listbox/option roles with aria-activedescendant following Up/Down', async () => {
    const { wrapper, input } = await withThreeHits()
    expect(wrapper.get('[role="listbox"]').attributes('id')).toBe('results')
    expect(input.attributes('aria-activedescendant')).toBe('results-option-0')
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(input.attributes('aria-activedescendant')).toBe('results-option-2')
    await input.trigger('keydown', { key: 'ArrowUp' })
    expect(input.attributes('aria-activedescendant')).toBe('results-option-1')
    const selected = wrapper.findAll('[role="option"]').map((o) => o.attributes('aria-selected'))
    expect(selected).toEqual(['false', 'true', 'false'])
  })

  it('Enter opens the active note at its passage line; Ctrl+Enter reveals it', async () => {
    const { fake, input } = await withThreeHits()
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(fake.callsOf('openNote')).toEqual([{ path: '/home/ada/notes/beta.md', line: 7 }])
    await input.trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(fake.callsOf('revealNote')).toEqual([{ path: '/home/ada/notes/beta.md' }])
    expect(fake.callsOf('openNote')).toHaveLength(1)
  })

  it('Tab moves focus to the preview, which shows the active note; Escape returns to the input', async () => {
    const { fake, wrapper, input } = await withThreeHits()
    ;(input.element as HTMLInputElement).focus()
    await input.trigger('keydown', { key: 'Tab' })
    const preview = wrapper.get('section.preview')
    expect(document.activeElement).toBe(preview.element)
    expect(fake.callsOf('readNote')).toEqual([{ path: '/home/ada/notes/alpha.md' }])
    await preview.trigger('keydown', { key: 'Escape' })
    expect(document.activeElement).toBe(input.element)
  })

  it('lists related notes under the preview; one clicked is previewed and opened until the selection moves', async () => {
    const { fake, wrapper, input } = await withThreeHits()
    const related = makeHit('delta', 'close in meaning', { reasons: ['semantic'] }, { lineStart: 4, lineEnd: 6 })
    fake.handlers.related = ({ path }) => (path.endsWith('alpha.md') ? [related] : [])
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowUp' })
    await flushPromises()
    expect(fake.callsOf('related').at(-1)).toEqual({ path: '/home/ada/notes/alpha.md', limit: 5 })
    const button = wrapper.get('.preview .related-note')
    expect(button.text()).toBe('delta')
    await button.trigger('keydown', { key: 'Enter' })
    expect(fake.callsOf('openNote')).toHaveLength(0)
    await button.trigger('click')
    await flushPromises()
    expect(fake.callsOf('readNote').at(-1)).toEqual({ path: '/home/ada/notes/delta.md' })
    expect(wrapper.get('.preview-title').text()).toBe('Note')
    expect(wrapper.get('.preview-path').text()).toContain('/home/ada/notes/delta.md')
    expect(wrapper.find('.preview .related').exists()).toBe(false)
    await wrapper.get('.preview-actions button.primary').trigger('click')
    await flushPromises()
    expect(fake.callsOf('openNote').at(-1)).toEqual({ path: '/home/ada/notes/delta.md', line: 4 })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(fake.callsOf('readNote').at(-1)).toEqual({ path: '/home/ada/notes/beta.md' })
  })
})

describe('empty states', () => {
  it('first run offers "Add a folder" and "Try the sample notes"', async () => {
    const fake = createFakeApi()
    fake.handlers.status = () => makeStatus({ roots: [], files: 0, chunks: 0 })
    const wrapper = await mountWithApi(fake)
    const buttons = wrapper.findAll('.first-run button').map((b) => b.text())
    expect(buttons).toEqual(['Add a folder', 'Try the sample notes'])
    await wrapper.findAll('.first-run button')[1].trigger('click')
    await flushPromises()
    expect(fake.callsOf('addSampleNotes')).toHaveLength(1)
    expect(wrapper.find('.first-run').exists()).toBe(false)
  })

  it('shows a gentle message when nothing matches, and the idle hint before typing', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    expect(wrapper.get('.results .idle').text()).toContain('Ask in your own words')
    await type(wrapper.get('input.search-input'), 'zebra')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    expect(wrapper.get('.results .empty-title').text()).toBe('Nothing found for “zebra”')
  })

  it('says when results are keyword-only because the model is not ready', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request) => ({ ...respond(request, [makeHit('a', 'text')]), semanticAvailable: false })
    const wrapper = await mountWithApi(fake)
    await type(wrapper.get('input.search-input'), 'text')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    expect(wrapper.text()).toContain('keyword matches only')
  })
})
