// The test browser lookup of `npm test`: CHROMIUM_PATH wins, a bad one is an error, platforms get their usual paths.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { commonBrowserPaths, findBrowser, provisionBrowser } from '../../scripts/test-browser.mjs'

describe('test browser lookup', () => {
  it('takes CHROMIUM_PATH when it is an executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'semnote-browser-'))
    const fake = join(dir, 'my-chrome')
    writeFileSync(fake, '#!/bin/sh\n')
    chmodSync(fake, 0o755)
    expect(findBrowser({ CHROMIUM_PATH: fake })).toBe(fake)
    expect(provisionBrowser({ CHROMIUM_PATH: fake })).toEqual({ path: fake })
  })

  it('refuses a CHROMIUM_PATH that is not an executable, naming it', () => {
    const result = provisionBrowser({ CHROMIUM_PATH: '/nonexistent/chrome' })
    expect(result.error).toContain('CHROMIUM_PATH=/nonexistent/chrome')
    expect(findBrowser({ CHROMIUM_PATH: '/nonexistent/chrome' })).toBeNull()
  })

  it('knows the usual install paths of each platform', () => {
    expect(commonBrowserPaths('linux')).toContain('/usr/bin/chromium')
    expect(commonBrowserPaths('darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')
    expect(commonBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files' }).some((p) => p.endsWith('msedge.exe'))).toBe(true)
  })
})
