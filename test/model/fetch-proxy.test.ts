// Model downloads through an HTTP proxy (a real local forwarding proxy in front of the local mirror): used, bypassed by NO_PROXY, failing clearly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { provisionPack, proxySettingsFromEnv, ProvisionError, type ProxySettings } from '../../src/main/engine/model/fetch'
import { closedPort, makeFixturePack, removeTempDirs, startFixtureServer, tempDir, type FixturePack, type FixtureServer } from './fetch-fixtures'

/** A forwarding proxy: CONNECT tunnels and absolute-form requests; records each target (host:port). */
async function startProxy(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
  const targets: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '')
    targets.push(target.host)
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (socket: Socket) => sockets.add(socket).size && socket.on('close', () => sockets.delete(socket)))
  server.on('connect', (req, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '')
    const [host, port] = (req.url ?? '').split(':')
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}

const none: ProxySettings = { httpsProxy: '', httpProxy: '', noProxy: '' }
let pack: FixturePack
let mirror: FixtureServer
let proxy: Awaited<ReturnType<typeof startProxy>>

beforeAll(async () => {
  pack = makeFixturePack()
  mirror = await startFixtureServer(pack)
  proxy = await startProxy()
})
afterAll(async () => {
  await proxy.close()
  await mirror.close()
  removeTempDirs()
})
afterEach(() => {
  proxy.targets.length = 0
  mirror.requests.length = 0
})

describe('provisionPack through a proxy', () => {
  it('downloads every file through the HTTP proxy', async () => {
    const dest = join(tempDir('proxied'), 'pack')
    const result = await provisionPack(pack.entry, { destDir: dest, mirror: mirror.mirror, proxy: { ...none, httpProxy: proxy.url } })
    expect(result.files.map((f) => f.outcome)).toEqual(pack.entry.files.map(() => 'downloaded'))
    for (const file of pack.entry.files) expect(readFileSync(join(dest, file.path)).equals(pack.bytes(file.path))).toBe(true)
    expect(proxy.targets.length).toBeGreaterThan(0)
    expect(new Set(proxy.targets)).toEqual(new Set([new URL(mirror.mirror).host]))
    expect(mirror.requests.map((r) => r.path)).toEqual(pack.entry.files.map((f) => f.path))
  })

  it('takes a proxy written without a scheme as http:// (as curl does)', async () => {
    const dest = join(tempDir('bare'), 'pack')
    await provisionPack(pack.entry, { destDir: dest, mirror: mirror.mirror, proxy: { ...none, httpProxy: new URL(proxy.url).host } })
    expect(proxy.targets.length).toBeGreaterThan(0)
  })

  it('goes direct to hosts NO_PROXY lists', async () => {
    const dest = join(tempDir('direct'), 'pack')
    await provisionPack(pack.entry, { destDir: dest, mirror: mirror.mirror, proxy: { httpsProxy: proxy.url, httpProxy: proxy.url, noProxy: 'example.org, 127.0.0.1' } })
    expect(mirror.requests).toHaveLength(pack.entry.files.length)
    expect(proxy.targets).toEqual([])
  })

  it('names the proxy, without its password, when the proxy cannot be reached', async () => {
    const dest = join(tempDir('down'), 'pack')
    const error = await provisionPack(pack.entry, {
      destDir: dest,
      mirror: mirror.mirror,
      proxy: { ...none, httpProxy: `http://user:secret@127.0.0.1:${await closedPort()}` }
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProvisionError)
    expect((error as ProvisionError).reason).toBe('unreachable')
    expect((error as ProvisionError).message).toMatch(/^Cannot reach 127\.0\.0\.1:\d+ to download the model: .*proxy http:\/\/127\.0\.0\.1:\d+/)
    expect((error as ProvisionError).message).not.toContain('secret')
    expect(mirror.requests).toEqual([])
    expect(existsSync(join(dest, pack.entry.files[0]!.path))).toBe(false)
  })

  it('rejects a proxy that is not an http(s) URL before any request', async () => {
    const error = await provisionPack(pack.entry, { destDir: tempDir('bad'), mirror: mirror.mirror, proxy: { ...none, httpsProxy: 'socks5://user:pw@host:1080' } }).catch(
      (e: unknown) => e
    )
    expect((error as ProvisionError).reason).toBe('invalid-setting')
    expect((error as ProvisionError).message).toBe('The HTTPS proxy "socks5://host:1080" is not an http(s) URL such as http://proxy.example:3128.')
    expect(mirror.requests).toEqual([])
  })

  it('names only the proxy used for the URL\'s scheme (an HTTPS proxy is not used for an http mirror)', async () => {
    const port = await closedPort()
    const error = (await provisionPack(pack.entry, {
      destDir: join(tempDir('scheme'), 'pack'),
      mirror: `http://127.0.0.1:${port}`,
      proxy: { ...none, httpsProxy: 'http://https-only.example:3128' }
    }).catch((e: unknown) => e)) as ProvisionError
    expect(error.reason).toBe('unreachable')
    expect(error.message).not.toContain('proxy')
  })

  it('copies from a local folder whatever the proxy setting says', async () => {
    const source = tempDir('local-source')
    for (const file of pack.entry.files) {
      mkdirSync(dirname(join(source, file.path)), { recursive: true })
      writeFileSync(join(source, file.path), pack.bytes(file.path))
    }
    const result = await provisionPack(pack.entry, { destDir: join(tempDir('local'), 'pack'), localSource: source, proxy: { ...none, httpsProxy: 'socks5://host:1080' } })
    expect(result.files.map((f) => f.outcome)).toEqual(pack.entry.files.map(() => 'copied'))
  })
})

describe('proxySettingsFromEnv', () => {
  it('reads the upper-case, then lower-case, then npm variables, and ignores blank ones', () => {
    expect(proxySettingsFromEnv({})).toEqual(none)
    expect(
      proxySettingsFromEnv({ HTTPS_PROXY: ' ', https_proxy: 'http://lower:1', npm_config_https_proxy: 'http://npm:2', npm_config_proxy: 'http://npm:3', no_proxy: 'localhost' })
    ).toEqual({ httpsProxy: 'http://lower:1', httpProxy: 'http://npm:3', noProxy: 'localhost' })
    expect(proxySettingsFromEnv({ HTTP_PROXY: 'http://a:1', http_proxy: 'http://b:2', NO_PROXY: '*', npm_config_noproxy: 'x' })).toEqual({
      httpsProxy: '',
      httpProxy: 'http://a:1',
      noProxy: '*'
    })
  })
})
