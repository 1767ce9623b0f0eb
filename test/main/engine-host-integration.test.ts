// The real engine host entry (src/main/engine-host.ts) with the real Engine in a forked child, supervised by EngineClient:
// index a folder, search, SIGKILL the host, and find the same note again after the automatic restart (the index survives).
import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EngineClient, type EngineClientEvents, type HostChild } from '../../src/main/engine-client'
import { encodeEngineOptions } from '../../src/main/host/messages'
import { getTinyPack } from '../helpers/test-model'

const hostEntry = join(__dirname, '..', '..', 'src', 'main', 'engine-host.ts')

function nextEvent<E extends keyof EngineClientEvents>(client: EngineClient, event: E): Promise<EngineClientEvents[E]> {
  return new Promise((resolve) => {
    const off = client.on(event, (payload) => {
      off()
      resolve(payload)
    })
  })
}

describe('engine host entry under supervision', () => {
  let client: EngineClient | null = null
  afterAll(async () => {
    await client?.stop()
  })

  it('indexes and searches, then survives a SIGKILL with its index intact', async () => {
    const base = mkdtempSync(join(tmpdir(), 'semnote-host-'))
    const notes = join(base, 'notes')
    mkdirSync(notes)
    writeFileSync(join(notes, 'neighbours.md'), '# Neighbours\n\nThe neighbours play loud music late at night.\n')
    writeFileSync(join(notes, 'plants.md'), '# Houseplants\n\nWater the ficus once a week.\n')
    const pack = await getTinyPack()
    let current: ChildProcess | null = null
    const spawn = (): HostChild => {
      const child = fork(hostEntry, [encodeEngineOptions({ dataDir: join(base, 'index'), modelDirs: [pack], watch: false })], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, SEMNOTE_SKIP_MODEL_DOWNLOAD: '1', LANCEDB_LOG: 'error' },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc']
      })
      current = child
      return {
        send: (message) => child.send(message),
        kill: () => child.kill('SIGKILL'),
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.once('exit', (code) => listener(code))
      }
    }
    client = new EngineClient({ spawn, restartBaseMs: 50, callTimeoutMs: 60_000 })
    const ready = nextEvent(client, 'ready')
    client.start()
    expect(await ready).toEqual({ restarted: false })

    await client.call('addRoots', { paths: [notes] })
    await expect.poll(async () => (await client!.call('status', undefined)).files, { timeout: 60_000, interval: 200 }).toBe(2)
    // What open/reveal rely on: only real paths inside an indexed root resolve.
    const outside = join(base, 'secret.md')
    writeFileSync(outside, 'secret\n')
    symlinkSync(outside, join(notes, 'escape.md'))
    await expect(client.call('resolveNotePath', { path: join(notes, 'plants.md') })).resolves.toMatchObject({ root: notes })
    for (const path of [outside, join(notes, '..', 'secret.md'), join(notes, 'escape.md')]) {
      await expect(client.call('resolveNotePath', { path })).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOTS' })
    }
    const first = await client.call('search', { query: 'ficus', mode: 'keyword' })
    expect(first.hits.map((hit) => hit.title)).toContain('Houseplants')

    const crashed = nextEvent(client, 'crashed')
    const restarted = nextEvent(client, 'ready')
    current!.kill('SIGKILL')
    expect(await crashed).toMatchObject({ restarting: true })
    expect(await restarted).toEqual({ restarted: true })
    const status = await client.call('status', undefined)
    expect(status.roots.map((root) => root.path)).toEqual([notes])
    const again = await client.call('search', { query: 'ficus', mode: 'keyword' })
    expect(again.hits.map((hit) => hit.path)).toEqual(first.hits.map((hit) => hit.path))
  })
})
