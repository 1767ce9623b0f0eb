// The quick-search shortcut: registration, conflicts reported as HOTKEY_CONFLICT, the previous shortcut kept.
import { describe, expect, it } from 'vitest'
import { QuickSearchHotkey, type ShortcutRegistry } from '../../src/main/hotkey'

function registry(taken: string[], invalid: string[] = []) {
  const registered = new Set<string>()
  const api: ShortcutRegistry = {
    register: (accelerator) => {
      if (invalid.includes(accelerator)) throw new Error('conversion failure')
      if (taken.includes(accelerator)) return false
      registered.add(accelerator)
      return true
    },
    unregister: (accelerator) => registered.delete(accelerator)
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
})
