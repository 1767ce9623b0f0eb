// The quick-search shortcut: registration, conflicts reported as HOTKEY_CONFLICT, the previous shortcut kept.
import { describe, expect, it } from 'vitest'
import { QuickSearchHotkey, type ShortcutRegistry } from '../../src/main/hotkey'

/** A registry where `taken` shortcuts return false, `silent` ones return true without registering (as the d.ts warns). */
function registry(taken: string[], invalid: string[] = [], silent: string[] = []) {
  const registered = new Set<string>()
  const api: ShortcutRegistry = {
    register: (accelerator) => {
      if (invalid.includes(accelerator)) throw new Error('conversion failure')
      if (taken.includes(accelerator)) return false
      if (!silent.includes(accelerator)) registered.add(accelerator)
      return true
    },
    isRegistered: (accelerator) => registered.has(accelerator),
    unregister: (accelerator) => void registered.delete(accelerator)
  }
  return { api, registered }
}

describe('QuickSearchHotkey', () => {
  it('registers, swaps and disables the shortcut', () => {
    const { api, registered } = registry([])
    let presses = 0
    const hotkey = new QuickSearchHotkey(api, () => presses++)
    hotkey.set('CommandOrControl+Shift+Space')
    expect([...registered]).toEqual(['CommandOrControl+Shift+Space'])
    hotkey.set('Alt+Space')
    expect([...registered]).toEqual(['Alt+Space'])
    hotkey.set('')
    expect(registered.size).toBe(0)
    expect(hotkey.accelerator).toBe('')
  })

  it('reports a taken or invalid shortcut as HOTKEY_CONFLICT and keeps the previous one', () => {
    const { api, registered } = registry(['Alt+Space'], ['Ctrl+Weird'])
    const hotkey = new QuickSearchHotkey(api, () => undefined)
    hotkey.set('CommandOrControl+Shift+Space')
    expect(() => hotkey.set('Alt+Space')).toThrow(expect.objectContaining({ code: 'HOTKEY_CONFLICT' }))
    expect(() => hotkey.set('Ctrl+Weird')).toThrow(expect.objectContaining({ code: 'HOTKEY_CONFLICT' }))
    expect(hotkey.accelerator).toBe('CommandOrControl+Shift+Space')
    expect([...registered]).toEqual(['CommandOrControl+Shift+Space'])
  })

  it('does not take a silently failed registration (true returned, nothing registered) for a live shortcut', () => {
    const { api, registered } = registry([], [], ['Alt+Space', 'CommandOrControl+Shift+Space'])
    const hotkey = new QuickSearchHotkey(api, () => undefined)
    expect(() => hotkey.set('CommandOrControl+Shift+Space')).toThrow(expect.objectContaining({ code: 'HOTKEY_CONFLICT' }))
    expect(hotkey.status).toMatchObject({ accelerator: 'CommandOrControl+Shift+Space', state: 'failed' })
    expect(hotkey.accelerator).toBe('')
    hotkey.set('Ctrl+K')
    expect(hotkey.status).toEqual({ accelerator: 'Ctrl+K', state: 'live' })
    expect(() => hotkey.set('Alt+Space')).toThrow(expect.objectContaining({ code: 'HOTKEY_CONFLICT' }))
    expect(hotkey.status).toEqual({ accelerator: 'Ctrl+K', state: 'live' })
    expect([...registered]).toEqual(['Ctrl+K'])
  })

  it('where the desktop portal decides later (Wayland), a registration is only unconfirmed; off when disabled', () => {
    const { api } = registry([])
    const states: string[] = []
    const hotkey = new QuickSearchHotkey(api, () => undefined, { confirmable: false })
    hotkey.onChange((status) => states.push(status.state))
    hotkey.set('Alt+Space')
    hotkey.set('')
    expect(states).toEqual(['unconfirmed', 'off'])
  })
})
