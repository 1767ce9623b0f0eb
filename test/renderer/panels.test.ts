// @vitest-environment happy-dom
// Folders (add with confirmation, remove with confirm, drop zone), status bar, settings and the quick-search popup.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import PopupApp from '../../src/renderer/src/PopupApp.vue'
import { pathsFromDrop } from '../../src/renderer/src/lib/drop'
import { ROOT, createFakeApi, makeHit, makeStatus, respond } from './fake-api'
import { mountWithApi } from './mount-app'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

const buttonByText = (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)

describe('folders panel', () => {
  it('adds a folder only after the preview dialog is confirmed', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Add folder"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('previewRoot')).toEqual([{ path: '/home/ada/new-notes' }])
    const dialog = wrapper.get('[role="dialog"]')
    expect(dialog.text()).toContain('Add this folder?')
    expect(dialog.get('.stat-value').text()).toBe('42')
    expect(dialog.text()).toContain('node_modules/')
    expect(fake.callsOf('addRoots')).toHaveLength(0)
    buttonByText('Add and index')!.click()
    await flushPromises()
    expect(fake.callsOf('addRoots')).toEqual([{ paths: ['/home/ada/new-notes'] }])
    expect(wrapper.find('[role="dialog"]').exists()).toBe(false)
  })

  it('does nothing when the picker is cancelled', async () => {
    const fake = createFakeApi()
    fake.handlers.chooseFolder = () => null
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Add folder"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('previewRoot')).toHaveLength(0)
  })

  it('removes a root after confirmation, and not on cancel', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    expect(wrapper.get('.root-counts').text()).toBe('3 files · 12 passages')
    await wrapper.get('button[aria-label="Remove notes"]').trigger('click')
    buttonByText('Cancel')!.click()
    await flushPromises()
    expect(fake.callsOf('removeRoot')).toHaveLength(0)
    await wrapper.get('button[aria-label="Remove notes"]').trigger('click')
    await flushPromises()
    ;[...document.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent?.trim() === 'Remove')!.dispatchEvent(new Event('click'))
    await flushPromises()
    expect(fake.callsOf('removeRoot')).toEqual([{ path: ROOT }])
  })

  it('saves global ignore patterns as a list', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    await wrapper.get('.ignore-editor textarea').setValue('drafts/\n\n  *.tmp.md  \n')
    buttonByText('Save patterns')!.click()
    await flushPromises()
    expect(fake.callsOf('updateSettings')).toEqual([{ ignorePatterns: ['drafts/', '*.tmp.md'] }])
  })

  it('shows the drop zone while files are dragged, then previews a dropped folder and indexes dropped files', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    const dataTransfer = {
      types: ['Files'],
      files: [new File(['x'], 'vault'), new File(['# hi'], 'loose.md')],
      items: [{ kind: 'file', webkitGetAsEntry: () => ({ isDirectory: true }) }, { kind: 'file', webkitGetAsEntry: () => ({ isDirectory: false }) }],
      dropEffect: 'none'
    }
    const dragEvent = (type: string) => Object.assign(new Event(type, { cancelable: true }), { dataTransfer })
    window.dispatchEvent(dragEvent('dragenter'))
    await flushPromises()
    expect(wrapper.find('.drop-overlay').exists()).toBe(true)
    window.dispatchEvent(dragEvent('drop'))
    await flushPromises()
    expect(wrapper.find('.drop-overlay').exists()).toBe(false)
    expect(fake.callsOf('indexFiles')).toEqual([{ paths: ['/dropped/loose.md'] }])
    expect(fake.callsOf('previewRoot')).toEqual([{ path: '/dropped/vault' }])
    expect(wrapper.get('[role="dialog"]').text()).toContain('/dropped/vault')
  })

  it('splits a drop into folders and files through pathForFile', () => {
    const dataTransfer = {
      files: [new File([''], 'a'), new File([''], 'b.md')],
      items: [{ kind: 'file', webkitGetAsEntry: () => ({ isDirectory: true }) }, { kind: 'file', webkitGetAsEntry: () => null }]
    } as unknown as DataTransfer
    expect(pathsFromDrop(dataTransfer, { pathForFile: (f) => `/x/${f.name}` })).toEqual({ folders: ['/x/a'], files: ['/x/b.md'] })
  })

  it('12. pairs files with the file items only: a drop that also carries text (a uri-list) keeps folders as folders', () => {
    const string = (type: string) => ({ kind: 'string', type, webkitGetAsEntry: () => null })
    const file = (isDirectory: boolean) => ({ kind: 'file', type: '', webkitGetAsEntry: () => ({ isDirectory }) })
    const dataTransfer = {
      files: [new File([''], 'vault'), new File([''], 'loose.md')],
      items: [string('text/uri-list'), file(true), string('text/plain'), file(false)]
    } as unknown as DataTransfer
    expect(pathsFromDrop(dataTransfer, { pathForFile: (f) => `/x/${f.name}` })).toEqual({ folders: ['/x/vault'], files: ['/x/loose.md'] })
  })
})

describe('folders with the same name', () => {
  it('are told apart by their parent folders in the folder list, the folder filter and the results', async () => {
    const work = '/home/ada/work/notes'
    const home = '/home/ada/home/notes'
    const fake = createFakeApi()
    fake.handlers.status = () =>
      makeStatus({ roots: [work, home, '/srv/recipes'].map((path) => ({ path, state: 'watching' as const, files: 1, chunks: 1 })) })
    fake.handlers.search = (request) => respond(request, [makeHit('plan', 'the plan', { path: `${home}/trips/plan.md`, root: home })])
    const wrapper = await mountWithApi(fake)
    expect(wrapper.findAll('.root-name').map((name) => name.text())).toEqual(['work/notes', 'home/notes', 'recipes'])
    expect(wrapper.findAll('.chip').map((chip) => chip.text())).toEqual(['All folders', 'work/notes', 'home/notes', 'recipes'])
    expect(wrapper.find('button[aria-label="Remove home/notes"]').exists()).toBe(true)
    const input = wrapper.get('input.search-input')
    ;(input.element as HTMLInputElement).value = 'plan'
    await input.trigger('input')
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect(wrapper.get('.result-folder').text()).toBe('home/notes/trips')
  })

  it('show where related notes named like another one sit (the same page in two folders)', async () => {
    const [en, zh] = ['/eval/xquad-en2en/corpus', '/eval/xquad-zh2zh/corpus']
    const fake = createFakeApi()
    fake.handlers.status = () => makeStatus({ roots: [en, zh].map((path) => ({ path, state: 'watching' as const, files: 1, chunks: 1 })) })
    fake.handlers.search = (request) => respond(request, [makeHit('a11_p3', 'steam engine', { path: `${en}/a11_p3.md`, root: en })])
    fake.handlers.related = () => [
      makeHit('a11_p3', '蒸汽机', { path: `${zh}/a11_p3.md`, root: zh }),
      makeHit('a11_p1', 'turbines', { path: `${en}/a11_p1.md`, root: en })
    ]
    const wrapper = await mountWithApi(fake)
    const input = wrapper.get('input.search-input')
    ;(input.element as HTMLInputElement).value = 'steam'
    await input.trigger('input')
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    const related = wrapper.findAll('.related-note')
    expect(related.map((note) => note.text())).toEqual(['a11_p3 xquad-zh2zh/corpus', 'a11_p1'])
    expect(related[0]!.attributes('aria-label')).toContain('a11_p3 (xquad-zh2zh/corpus)')
  })
})

describe('status bar', () => {
  it('shows indexing progress with rate and ETA, and pauses/resumes', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    fake.emit('progress', { phase: 'indexing', filesDone: 120, filesTotal: 1500, chunksDone: 480, chunksPerSecond: 31.25, etaSeconds: 247 })
    await flushPromises()
    const bar = wrapper.get('.status-bar').text()
    expect(bar).toContain('Indexing 120 of 1,500 files')
    expect(bar).toContain('480 passages')
    expect(bar).toContain('31.3/s')
    expect(bar).toContain('4:07 left')
    buttonByText('Pause')!.click()
    await flushPromises()
    expect(fake.callsOf('pauseIndexing')).toHaveLength(1)
    expect(wrapper.get('.status-bar').text()).toContain('Paused at 1 of 3 files')
    buttonByText('Resume')!.click()
    await flushPromises()
    expect(fake.callsOf('resumeIndexing')).toHaveLength(1)
  })

  it('offers retry and choosing a folder when the model is missing, then shows download progress', async () => {
    const fake = createFakeApi()
    fake.handlers.status = () => makeStatus({ model: { state: 'missing', id: 'multilingual-e5-small', reason: 'not installed' } })
    const wrapper = await mountWithApi(fake)
    expect(wrapper.get('.status-model').text()).toContain('Model missing — keyword search only')
    buttonByText('Retry')!.click()
    await flushPromises()
    expect(fake.callsOf('retryModelDownload')).toHaveLength(1)
    fake.emit('model', { state: 'downloading', id: 'multilingual-e5-small', receivedBytes: 50 * 1024 * 1024, totalBytes: 200 * 1024 * 1024 })
    await flushPromises()
    expect(wrapper.get('.status-model').text()).toContain('Downloading the model: 25% of 200 MB')
    fake.emit('model', { state: 'failed', id: 'x', error: 'checksum mismatch' })
    await flushPromises()
    buttonByText('Choose model folder…')!.click()
    await flushPromises()
    expect(fake.callsOf('chooseModelFolder')).toHaveLength(1)
    expect(wrapper.get('.status-model').text()).toContain('Model test-model')
  })

  it('tells about an engine crash until the engine is ready again', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    fake.emit('engineCrashed', { message: 'exit code 139', restarting: true })
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('The search engine stopped unexpectedly.')
    expect(wrapper.get('[role="alert"]').text()).toContain('exit code 139')
    const statusCalls = fake.callsOf('status').length
    fake.emit('engineReady', { restarted: true })
    await flushPromises()
    expect(wrapper.find('.banner-error').exists()).toBe(false)
    expect(fake.callsOf('status').length).toBe(statusCalls + 1)
  })

  it('lists skipped files with their reasons', async () => {
    const fake = createFakeApi()
    fake.handlers.status = () =>
      makeStatus({
        skipped: [
          { path: `${ROOT}/big.md`, reason: 'too-large', detail: '52.4 MB exceeds the 20 MB limit', at: 0 },
          { path: `${ROOT}/img.md`, reason: 'binary', detail: 'NUL bytes', at: 0 }
        ]
      })
    const wrapper = await mountWithApi(fake)
    buttonByText('2 skipped')!.click()
    await flushPromises()
    const items = [...document.querySelectorAll('.skipped-list li')].map((li) => li.textContent)
    expect(items).toEqual([`Too large${ROOT}/big.md52.4 MB exceeds the 20 MB limit`, `Binary${ROOT}/img.mdNUL bytes`])
    wrapper.unmount()
  })
})

describe('settings', () => {
  it('applies the theme and the UI language', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Settings"]').trigger('click')
    ;[...document.querySelectorAll('[role="dialog"] [role="radio"]')].find((b) => b.textContent?.trim() === 'Dark')!.dispatchEvent(new Event('click'))
    await flushPromises()
    expect(fake.callsOf('updateSettings')).toEqual([{ theme: 'dark' }])
    expect(document.documentElement.dataset.theme).toBe('dark')
    const language = document.querySelectorAll<HTMLSelectElement>('[role="dialog"] select')[0]
    language.value = 'zh-CN'
    language.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(wrapper.get('input.search-input').attributes('placeholder')).toBe('按意思搜索你的笔记——任何语言都可以')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('captures a new hotkey and shows a conflict reported by main', async () => {
    const fake = createFakeApi()
    fake.handlers.updateSettings = () => {
      throw Object.assign(new Error('Ctrl+Shift+K is taken by another app'), { code: 'HOTKEY_CONFLICT' })
    }
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Settings"]').trigger('click')
    const record = buttonByText('Change')!
    record.click()
    await flushPromises()
    record.dispatchEvent(new KeyboardEvent('keydown', { key: 'Control', code: 'ControlLeft', ctrlKey: true, bubbles: true }))
    record.dispatchEvent(new KeyboardEvent('keydown', { key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true, bubbles: true }))
    await flushPromises()
    expect(fake.callsOf('updateSettings')).toEqual([{ hotkey: 'CommandOrControl+Shift+K' }])
    expect(document.querySelector('[role="dialog"] [role="alert"]')?.textContent).toContain('taken by another app')
  })
})

describe('settings: the quick-search shortcut on this desktop', () => {
  const openSettings = async (fake: ReturnType<typeof createFakeApi>) => {
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Settings"]').trigger('click')
    await flushPromises()
    return wrapper
  }

  it('says the shortcut is active, and offers no desktop binding where it works', async () => {
    const wrapper = await openSettings(createFakeApi())
    expect(wrapper.get('.hotkey-state').text()).toBe('Active')
    expect(wrapper.find('.toggle-command').exists()).toBe(false)
    expect(wrapper.find('.no-tray').exists()).toBe(false)
  })

  it('on Wayland always offers the semnote --toggle binding, and follows the state main reports', async () => {
    const fake = createFakeApi()
    const shell = { hotkey: { accelerator: 'CommandOrControl+Shift+Space', state: 'unconfirmed' as const }, wayland: true, tray: false, toggleCommand: '/home/ada/Semnote.AppImage --toggle' }
    fake.handlers.shellStatus = () => shell
    const wrapper = await openSettings(fake)
    expect(wrapper.get('.hotkey-state').text()).toContain('may refuse it')
    expect(wrapper.get('.toggle-command').text()).toBe('/home/ada/Semnote.AppImage --toggle')
    expect(wrapper.get('.no-tray').text()).toContain('no tray icon')
    fake.emit('shellStatus', { ...shell, wayland: false, tray: true, hotkey: { accelerator: 'Alt+Space', state: 'failed', detail: 'is already used' } })
    await flushPromises()
    expect(wrapper.get('.hotkey-state').text()).toBe('Not active: another application or the system uses it')
    expect(wrapper.find('.toggle-command').exists()).toBe(true)
  })
})

describe('local API setting', () => {
  it('turns the Local API on through main, and shows why when it cannot start', async () => {
    const fake = createFakeApi()
    const wrapper = await mountWithApi(fake)
    await wrapper.get('button[aria-label="Settings"]').trigger('click')
    const label = [...document.querySelectorAll('[role="dialog"] label.checkbox')].find((l) => l.textContent?.includes('Local API'))!
    expect(document.querySelector('[role="dialog"] #local-api-hint')?.textContent).toContain('127.0.0.1:47470')
    const box = label.querySelector('input')!
    expect(box.checked).toBe(false)
    box.checked = true
    box.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(fake.callsOf('updateSettings')).toEqual([{ localApi: true }])
    expect(box.checked).toBe(true)
    fake.handlers.updateSettings = () => {
      throw Object.assign(new Error('The local API could not start: port 47470 is in use'), { code: 'ENGINE_UNAVAILABLE' })
    }
    box.checked = false
    box.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(document.querySelector('[role="dialog"] [role="alert"]')?.textContent).toContain('port 47470 is in use')
  })
})

describe('quick-search popup', () => {
  it('searches the top results, opens with Enter (then hides) and hides on Escape', async () => {
    const fake = createFakeApi('linux', 'popup')
    fake.handlers.search = (request) =>
      respond(request, [
        makeHit('lisbon', 'Weekend in Lisbon\n\nThree days in spring.', { title: 'Weekend in Lisbon' }, { lineStart: 3, heading: 'Weekend in Lisbon' }),
        makeHit('plan', 'Plan\n\nRide tram 28 early.', { title: 'Weekend in Lisbon' }, { heading: 'Weekend in Lisbon > Plan' })
      ])
    const wrapper = await mountWithApi(fake, PopupApp)
    const input = wrapper.get('input.search-input')
    ;(input.element as HTMLInputElement).value = 'lisbon'
    await input.trigger('input')
    await vi.advanceTimersByTimeAsync(100)
    await flushPromises()
    expect(fake.callsOf('search')).toEqual([{ query: 'lisbon', mode: 'hybrid', filters: {}, limit: 8, offset: 0, scoreSentences: false }])
    // Compact rows show no heading: a first line repeating the title above goes, a section heading stays as context.
    expect(wrapper.findAll('[role="option"] .result-passage').map((p) => p.text().replace(/\s+/g, ' '))).toEqual(['Three days in spring.', 'Plan Ride tram 28 early.'])
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(fake.calls.slice(-2).map((c) => c.name)).toEqual(['openNote', 'hidePopup'])
    await input.trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(fake.callsOf('hidePopup')).toHaveLength(2)
  })

  it('searches for what a semnote://search link asks, in its mode', async () => {
    const fake = createFakeApi('linux', 'popup')
    const wrapper = await mountWithApi(fake, PopupApp)
    fake.emit('searchFor', { query: '夜の騒音', mode: 'semantic' })
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect((wrapper.get('input.search-input').element as HTMLInputElement).value).toBe('夜の騒音')
    expect(fake.callsOf('search').at(-1)).toMatchObject({ query: '夜の騒音', mode: 'semantic' })
  })

  it('focuses and selects the input when main shows the popup', async () => {
    const fake = createFakeApi('linux', 'popup')
    const wrapper = await mountWithApi(fake, PopupApp)
    ;(document.activeElement as HTMLElement | null)?.blur()
    fake.emit('focusSearch', undefined)
    expect(document.activeElement).toBe(wrapper.get('input.search-input').element)
  })
})
