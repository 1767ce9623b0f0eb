// The engine supervisor: request/reply, timeouts, event fan-out, restart with backoff after crashes (fake child and real child processes).
import { EventEmitter } from 'node:events'
import { fork } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EngineClient, type EngineClientEvents, type HostChild } from '../../src/main/engine-client'
import { encodeEngineOptions, type ToHost } from '../../src/main/host/messages'

/** A scripted engine host: records what main sends and lets the test answer, emit and crash. */
class FakeChild extends EventEmitter implements HostChild {
  readonly sent: ToHost[] = []
  killed = false
  send(message: ToHost) {
    this.sent.push(message)
  }
  kill() {
    this.killed = true
    this.emit('exit', null)
  }
  onMessage(listener: (message: unknown) => void) {
    this.on('message', listener)
  }
  onExit(listener: (code: number | null) => void) {
    this.on('exit', listener)
  }
  reply(message: unknown) {
    this.emit('message', message)
  }
  requests() {
    return this.sent.filter((m): m is Extract<ToHost, { id: number }> => 'id' in m)
  }
}

function nextEvent<E extends keyof EngineClientEvents>(client: EngineClient, event: E): Promise<EngineClientEvents[E]> {
  return new Promise((resolve) => {
    const off = client.on(event, (payload) => {
      off()
      resolve(payload)
    })
  })
}

const clients: EngineClient[] = []
function makeClient(spawn: () => HostChild, options: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}) {
  const client = new EngineClient({ spawn, restartBaseMs: 5, restartMaxMs: 40, shutdownTimeoutMs: 50, ...options })
  clients.push(client)
  return client
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.stop()))
})

describe('EngineClient with a fake host', () => {
  it('queues calls until ready, then matches replies to calls by id', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child)
    client.start()
    const status = client.call('status', undefined)
    const search = client.call('search', { query: 'tokyo' })
    expect(child.requests()).toHaveLength(0)
    child.reply({ ready: true })
    const [first, second] = child.requests()
    expect(first.call).toBe('status')
    expect(second).toMatchObject({ call: 'search', arg: { query: 'tokyo' } })
    child.reply({ id: second.id, ok: true, value: { hits: ['b'] } })
    child.reply({ id: first.id, ok: false, error: { code: 'MODEL_MISSING', message: 'no model' } })
    await expect(search).resolves.toEqual({ hits: ['b'] })
    await expect(status).rejects.toMatchObject({ code: 'MODEL_MISSING', message: 'no model' })
  })

  it('fans engine events out to every subscriber until unsubscribed', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child)
    const a: unknown[] = []
    const b: unknown[] = []
    client.on('progress', (p) => a.push(p))
    const offB = client.on('progress', (p) => b.push(p))
    client.start()
    child.reply({ ready: true })
    child.reply({ event: 'progress', payload: { phase: 'indexing', filesDone: 1 } })
    offB()
    child.reply({ event: 'progress', payload: { phase: 'idle', filesDone: 2 } })
    expect(a).toHaveLength(2)
    expect(b).toEqual([{ phase: 'indexing', filesDone: 1 }])
  })

  it('rejects a call that gets no answer in time with ENGINE_UNAVAILABLE, and ignores the late reply', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child)
    client.start()
    child.reply({ ready: true })
    const call = client.call('status', undefined, 20)
    await expect(call).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    child.reply({ id: child.requests()[0].id, ok: true, value: 'late' })
    expect(client.state).toBe('ready')
  })

  it('after a crash: rejects in-flight calls, reports it, restarts, and says it restarted', async () => {
    const children: FakeChild[] = []
    const client = makeClient(() => {
      children.push(new FakeChild())
      return children.at(-1)!
    })
    client.start()
    children[0].reply({ ready: true })
    expect(await Promise.race([nextEvent(client, 'ready'), Promise.resolve('already')])).toBe('already')
    const inFlight = client.call('search', { query: 'x' })
    const crashed = nextEvent(client, 'crashed')
    const ready = nextEvent(client, 'ready')
    children[0].emit('exit', 1)
    await expect(inFlight).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    expect(await crashed).toMatchObject({ restarting: true })
    expect(client.state).toBe('restarting')
    // A call made while restarting waits for the new host.
    const queued = client.call('status', undefined)
    await expect.poll(() => children.length).toBe(2)
    children[1].reply({ ready: true })
    expect(await ready).toEqual({ restarted: true })
    const request = children[1].requests()[0]
    expect(request.call).toBe('status')
    children[1].reply({ id: request.id, ok: true, value: 'fine' })
    await expect(queued).resolves.toBe('fine')
  })

  it('uses the fatal message of a host that could not open the engine', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child, { maxRapidCrashes: 0 })
    client.start()
    const crashed = nextEvent(client, 'crashed')
    child.reply({ fatal: 'index folder is unusable' })
    // The host waits for this answer before it exits, so the message cannot be lost to the exit.
    expect(child.sent).toContainEqual({ shutdown: true })
    child.emit('exit', 1)
    expect(await crashed).toEqual({ message: 'index folder is unusable', restarting: false })
  })

  it('gives up after too many rapid crashes, rejecting queued and new calls', async () => {
    let spawned = 0
    const client = makeClient(
      () => {
        spawned++
        const child = new FakeChild()
        setImmediate(() => child.emit('exit', 3))
        return child
      },
      { maxRapidCrashes: 3 }
    )
    const crashes: EngineClientEvents['crashed'][] = []
    client.on('crashed', (c) => crashes.push(c))
    client.start()
    const queued = client.call('status', undefined)
    await expect(queued).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    expect(spawned).toBe(4)
    expect(crashes.map((c) => c.restarting)).toEqual([true, true, true, false])
    expect(crashes[0].message).toContain('code 3')
    expect(client.state).toBe('failed')
    await expect(client.call('status', undefined)).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
  })

  it('treats a spawn failure as a crash instead of throwing', async () => {
    const client = makeClient(
      () => {
        throw new Error('no such file')
      },
      { maxRapidCrashes: 0 }
    )
    const crashed = nextEvent(client, 'crashed')
    client.start()
    expect(await crashed).toEqual({ message: 'could not start the engine: no such file', restarting: false })
  })

  it('stops cleanly: asks the host to shut down, does not restart, rejects later calls', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child)
    const crashes: unknown[] = []
    client.on('crashed', (c) => crashes.push(c))
    client.start()
    child.reply({ ready: true })
    const stopped = client.stop()
    expect(child.sent.at(-1)).toEqual({ shutdown: true })
    child.emit('exit', 0)
    await stopped
    expect(crashes).toEqual([])
    expect(client.state).toBe('stopped')
    await expect(client.call('status', undefined)).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
  })

  it('kills a host that does not exit after the shutdown request', async () => {
    const child = new FakeChild()
    const client = makeClient(() => child, { shutdownTimeoutMs: 20 })
    client.start()
    child.reply({ ready: true })
    await client.stop()
    expect(child.killed).toBe(true)
  })
})

describe('EngineClient with a real child process', () => {
  const fixture = join(__dirname, 'fixtures', 'fake-engine-host.ts')
  const spawnReal = (env: Record<string, string> = {}) => (): HostChild => {
    const child = fork(fixture, [encodeEngineOptions({ dataDir: '/tmp/semnote-test-index', modelDirs: [] })], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc']
    })
    return {
      send: (message) => child.send(message),
      kill: () => child.kill('SIGKILL'),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code))
    }
  }

  it('serves calls and events, restarts after SIGKILL, and serves again from a new process', async () => {
    const client = makeClient(spawnReal(), { restartBaseMs: 10 })
    const firstReady = nextEvent(client, 'ready')
    client.start()
    expect(await firstReady).toEqual({ restarted: false })
    const before = (await client.call('status', undefined)) as unknown as { pid: number; dataDir: string }
    expect(before.dataDir).toBe('/tmp/semnote-test-index')

    const progress = nextEvent(client, 'progress')
    await client.call('pauseIndexing', undefined)
    expect(await progress).toMatchObject({ phase: 'paused', pid: before.pid })

    const crashed = nextEvent(client, 'crashed')
    const ready = nextEvent(client, 'ready')
    await expect(client.call('readNote', { path: 'crash' })).rejects.toMatchObject({ code: 'ENGINE_UNAVAILABLE' })
    expect(await crashed).toMatchObject({ restarting: true })
    expect(await ready).toEqual({ restarted: true })
    const after = (await client.call('status', undefined)) as unknown as { pid: number }
    expect(after.pid).not.toBe(before.pid)
  })

  it('reports a host that cannot open its engine and gives up after repeated failures', async () => {
    const client = makeClient(spawnReal({ FAKE_ENGINE_MODE: 'fail-open' }), { restartBaseMs: 10, maxRapidCrashes: 1 })
    const crashes: EngineClientEvents['crashed'][] = []
    const gaveUp = new Promise<void>((resolve) =>
      client.on('crashed', (crash) => {
        crashes.push(crash)
        if (!crash.restarting) resolve()
      })
    )
    client.start()
    await gaveUp
    expect(crashes).toEqual([
      { message: 'index folder is unusable', restarting: true },
      { message: 'index folder is unusable', restarting: false }
    ])
  })
})
