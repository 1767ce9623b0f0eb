// The app's Local API setting in main: the HTTP door over an engine caller (here the real engine, as the host serves it).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { LocalApi } from '../../src/main/local-api'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

describe('LocalApi', () => {
  it('starts the token-protected server over the app engine, stops it, and reports a taken port', async () => {
    const notes = temp.make('local-api-notes')
    const dataDir = join(temp.make('local-api-user'), 'index')
    writeFileSync(join(notes, 'tea.md'), '# Tea\n\nGreen tea steeps for two minutes.\n')
    const engine = await Engine.open({ dataDir, modelDirs: [], watch: false })
    const port = 47000 + Math.floor(Math.random() * 900)
    const api = new LocalApi({ engine, dataDir, version: 'test', port })
    const blocker = new LocalApi({ engine, dataDir, version: 'test', port })
    try {
      await engine.call('addRoots', { paths: [notes] })
      await engine.whenIdle()
      await api.apply(true)
      expect(api.url).toBe(`http://127.0.0.1:${port}`)
      const token = readFileSync(join(dataDir, 'api-token'), 'utf8').trim()
      const unauthorized = await fetch(`${api.url}/v1/search?q=tea`)
      expect(unauthorized.status).toBe(401)
      const found = await fetch(`${api.url}/v1/search?q=tea&mode=keyword`, { headers: { Authorization: `Bearer ${token}` } })
      expect(((await found.json()) as { hits: { path: string }[] }).hits.map((h) => h.path)).toEqual([join(notes, 'tea.md')])
      const status = await fetch(`${api.url}/v1/status`, { headers: { Authorization: `Bearer ${token}` } })
      expect(await status.json()).toMatchObject({ files: 1, updatedBy: 'this app' })

      await expect(blocker.apply(true)).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE', message: expect.stringMatching(new RegExp(`port ${port} is in use`)) })
      expect(blocker.url).toBeNull()

      await api.apply(false)
      expect(api.url).toBeNull()
      await expect(fetch(`http://127.0.0.1:${port}/v1/status`)).rejects.toThrow()
      await api.apply(true)
      expect(api.url).not.toBeNull()
    } finally {
      await api.stop()
      await engine.close()
    }
  })
})
