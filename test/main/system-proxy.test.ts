// The system proxy for model downloads: Chromium proxy lists read in order, and the environment's variables taking precedence.
import { describe, expect, it } from 'vitest'
import { proxyUrlOf, systemProxyForDownload } from '../../src/main/system-proxy'

describe('proxyUrlOf', () => {
  it('takes the first HTTP(S) proxy of a Chromium proxy list, DIRECT meaning none, SOCKS passed over', () => {
    expect(proxyUrlOf('DIRECT')).toBe('')
    expect(proxyUrlOf('PROXY proxy.corp:3128; DIRECT')).toBe('http://proxy.corp:3128')
    expect(proxyUrlOf('HTTPS secure.corp:443')).toBe('https://secure.corp:443')
    expect(proxyUrlOf('SOCKS5 socks.corp:1080; PROXY fallback.corp:8080')).toBe('http://fallback.corp:8080')
    expect(proxyUrlOf('DIRECT; PROXY never.corp:1')).toBe('')
    expect(proxyUrlOf('  proxy  spaced.corp:80 ')).toBe('http://spaced.corp:80')
    expect(proxyUrlOf('')).toBe('')
    expect(proxyUrlOf('SOCKS only.corp:1080')).toBe('')
  })
})

describe('systemProxyForDownload', () => {
  it('asks the system for the download URL and returns its proxy for http and https', async () => {
    const asked: string[] = []
    const proxy = await systemProxyForDownload(async (url) => (asked.push(url), 'PROXY proxy.corp:3128; DIRECT'), {})
    expect(proxy).toEqual({ httpsProxy: 'http://proxy.corp:3128', httpProxy: 'http://proxy.corp:3128', noProxy: '' })
    expect(asked).toHaveLength(1)
    expect(asked[0]).toMatch(/^https:\/\/huggingface\.co\/.+\/resolve\/[0-9a-f]{40}\//)
  })

  it('asks for the mirror when one is set, and returns nothing for DIRECT or a failed lookup', async () => {
    const asked: string[] = []
    expect(await systemProxyForDownload(async (url) => (asked.push(url), 'DIRECT'), { SEMNOTE_MODEL_MIRROR: 'https://mirror.example' })).toBeUndefined()
    expect(asked[0]).toMatch(/^https:\/\/mirror\.example\//)
    expect(await systemProxyForDownload(async () => Promise.reject(new Error('no session')), {})).toBeUndefined()
  })

  it('leaves proxies to the environment when it sets any, and does not look up a proxy for a local model folder', async () => {
    const resolver = async () => {
      throw new Error('must not be asked')
    }
    expect(await systemProxyForDownload(resolver, { HTTPS_PROXY: 'http://env:1' })).toBeUndefined()
    expect(await systemProxyForDownload(resolver, { no_proxy: '*' })).toBeUndefined()
    expect(await systemProxyForDownload(resolver, { SEMNOTE_MODEL_SOURCE: '/models/e5' })).toBeUndefined()
  })
})
