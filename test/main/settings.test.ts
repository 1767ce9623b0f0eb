// Settings persistence: defaults, validated updates, atomic files, and corrupt files that never crash the app.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACCELERATOR_PATTERN, SettingsStore, readSettingsFile } from '../../src/main/settings'
import { DEFAULT_SETTINGS } from '../../src/shared/types'

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'semnote-settings-')), 'settings.json')

describe('SettingsStore', () => {
  it('starts from defaults when no file exists and persists updates across reopen', () => {
    const file = tempFile()
    const store = SettingsStore.open(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    const seen: string[] = []
    store.onChange((s) => seen.push(s.theme))
    store.update({ theme: 'dark', roots: ['/notes'], editorCommand: 'code -g {file}:{line}' })
    expect(seen).toEqual(['dark'])
    expect(SettingsStore.open(file).get()).toMatchObject({ theme: 'dark', roots: ['/notes'], editorCommand: 'code -g {file}:{line}' })
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json'])
  })

  it('rejects invalid updates and keeps the previous settings', () => {
    const store = SettingsStore.open(tempFile())
    expect(() => store.update({ theme: 'neon' as never })).toThrow()
    expect(() => store.update({ resultsPerPage: 10_000 })).toThrow()
    expect(() => store.update({ hotkey: 'Ctrl+Shift+Nope' })).toThrow()
    expect(() => store.update({ ['__proto__' as never]: { polluted: true } } as never)).toThrow()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('replaces an unparsable file with defaults and keeps a backup of it', () => {
    const file = tempFile()
    writeFileSync(file, '{"theme": "dark", oops')
    const store = SettingsStore.open(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(store.loadReport.problem).toMatch(/unreadable JSON/)
    expect(readFileSync(store.loadReport.backupPath!, 'utf8')).toBe('{"theme": "dark", oops')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(DEFAULT_SETTINGS)
  })

  it('keeps the valid fields of a partly invalid file, defaults the rest, and backs it up', () => {
    const file = tempFile()
    writeFileSync(file, JSON.stringify({ theme: 'light', hotkey: 42, roots: ['/a', 7], futureKey: true }))
    const store = SettingsStore.open(file)
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' })
    expect(store.loadReport.backupPath).toBeDefined()
    expect(store.loadReport.problem).toContain('hotkey')
  })

  it('reads a file written before a setting existed as complete: the new setting takes its default, no backup', () => {
    const file = tempFile()
    const { localApi: _added, ...older } = { ...DEFAULT_SETTINGS, theme: 'dark' as const }
    writeFileSync(file, JSON.stringify(older))
    const store = SettingsStore.open(file)
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(store.loadReport).toEqual({})
    expect(readdirSync(join(file, '..'))).toEqual(['settings.json'])
    store.update({ resultsPerPage: 50 })
    expect(store.get().localApi).toBe(false)
  })

  it('treats JSON that is not an object as corrupt', () => {
    for (const content of ['[]', 'null', '"settings"', '12']) {
      const file = tempFile()
      writeFileSync(file, content)
      const { settings, report } = readSettingsFile(file)
      expect(settings).toEqual(DEFAULT_SETTINGS)
      expect(report.backupPath).toBeDefined()
    }
  })
})

describe('accelerator syntax', () => {
  it.each(['CommandOrControl+Shift+Space', 'Alt+F4', 'Ctrl+Alt+K', 'Super+num5', 'F12', ''])('accepts %j', (value) => {
    expect(ACCELERATOR_PATTERN.test(value)).toBe(true)
  })
  it.each(['Shift+', '+K', 'Ctrl+Shift+Nope', 'Ctrl++K+K', 'rm -rf /'])('rejects %j', (value) => {
    expect(ACCELERATOR_PATTERN.test(value)).toBe(false)
  })
})
