// @vitest-environment happy-dom
// The relevance fold in every result list: strong matches, then one "N weaker matches" row that a click or the keyboard opens.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PopupApp from '../../src/renderer/src/PopupApp.vue'
import type { NoteHit, SearchRequest } from '../../src/shared/types'
import { createFakeApi, makeHit, respond } from './fake-api'
import { mountWithApi } from './mount-app'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(Date.UTC(2026, 0, 10))
})
afterEach(() => {
  vi.useRealTimers()
})

/** Two strong hits, then three weaker ones. */
function foldedHits(): NoteHit[] {
  return ['lisbon', 'porto', 'kyoto', 'bread', 'plants'].map((name, i) => makeHit(name, `${name} passage`, { strong: i < 2, score: 1 - i * 0.2 }))
}

async function searchFor(wrapper: Awaited<ReturnType<typeof mountWithApi>>, text: string): Promise<void> {
  const input = wrapper.get('input.search-input')
  ;(input.element as HTMLInputElement).value = text
  await input.trigger('input')
  await vi.advanceTimersByTimeAsync(150)
  await flushPromises()
}

const titles = (wrapper: Awaited<ReturnType<typeof mountWithApi>>) => wrapper.findAll('[role="option"] .result-title').map((t) => t.text())

describe('relevance fold', () => {
  it('shows the strong matches and one row for the weaker ones; a click opens it and a new query folds again', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request: SearchRequest) => respond(request, foldedHits())
    const wrapper = await mountWithApi(fake)
    await searchFor(wrapper, 'trip')
    expect(titles(wrapper)).toEqual(['lisbon', 'porto'])
    const row = wrapper.get('.fold-row')
    expect(row.text()).toContain('3 weaker matches')
    expect(row.attributes('role')).toBe('option')
    await row.trigger('click')
    expect(titles(wrapper)).toEqual(['lisbon', 'porto', 'kyoto', 'bread', 'plants'])
    expect(wrapper.find('.fold-row').exists()).toBe(false)
    expect(wrapper.get('.fold-divider').text()).toBe('Weaker matches')
    await searchFor(wrapper, 'trips')
    expect(titles(wrapper)).toEqual(['lisbon', 'porto'])
  })

  it('lets the keyboard move onto the fold row and open it with Enter, without opening a note', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request: SearchRequest) => respond(request, foldedHits())
    const wrapper = await mountWithApi(fake)
    await searchFor(wrapper, 'trip')
    const input = wrapper.get('input.search-input')
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' }) // clamped on the fold row
    expect(input.attributes('aria-activedescendant')).toBe(wrapper.get('.fold-row').attributes('id'))
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(fake.callsOf('openNote')).toHaveLength(0)
    expect(titles(wrapper)).toHaveLength(5)
    // The first weaker match takes the fold row's place as the active option.
    expect(wrapper.find('[role="option"][aria-selected="true"] .result-title').text()).toBe('kyoto')
  })

  it('folds the quick-search popup the same way', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request: SearchRequest) => respond(request, foldedHits())
    const wrapper = await mountWithApi(fake, PopupApp)
    await searchFor(wrapper, 'trip')
    expect(titles(wrapper)).toEqual(['lisbon', 'porto'])
    expect(wrapper.get('.fold-row').classes()).toContain('compact')
  })

  it('folds the related notes under the preview', async () => {
    const fake = createFakeApi()
    fake.handlers.search = (request: SearchRequest) => respond(request, [makeHit('alpha', 'first')])
    fake.handlers.related = () => [makeHit('near', 'a', { strong: true }), makeHit('far', 'b', { strong: false }), makeHit('farther', 'c', { strong: false })]
    const wrapper = await mountWithApi(fake)
    await searchFor(wrapper, 'alpha')
    expect(wrapper.findAll('.related-note').map((b) => b.text())).toEqual(['near'])
    const fold = wrapper.get('.related-fold')
    expect(fold.text()).toContain('2 weaker matches')
    await fold.trigger('click')
    expect(wrapper.findAll('.related-note').map((b) => b.text())).toEqual(['near', 'far', 'farther'])
  })
})
