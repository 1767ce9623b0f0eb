// The operating system's proxy (system settings, PAC scripts) for model downloads, used when the environment names none.
import { DEFAULT_PACK, fileUrl } from './engine/model/catalog'
import { provisionSettingsFromEnv, proxySettingsFromEnv, type ProxySettings } from './engine/model/fetch'

/**
 * The proxy a Chromium proxy list asks for ("PROXY host:port; HTTPS host:port; SOCKS5 host:port; DIRECT"), as a URL:
 * entries are taken in order, DIRECT means none (''), SOCKS entries are passed over (downloads speak HTTP(S) proxies only).
 */
export function proxyUrlOf(list: string): string {
  for (const entry of list.split(';')) {
    const [kind = '', hostPort = ''] = entry.trim().split(/\s+/)
    if (kind.toUpperCase() === 'DIRECT') return ''
    if (kind.toUpperCase() === 'PROXY' && hostPort) return `http://${hostPort}`
    if (kind.toUpperCase() === 'HTTPS' && hostPort) return `https://${hostPort}`
  }
  return ''
}

/**
 * Proxies for the default model's download: undefined when the environment sets any proxy variable (the engine reads those
 * itself) or the model comes from a local folder, else what `resolveProxy` (Electron's session.resolveProxy) answers for
 * the download URL, mirror included.
 */
export async function systemProxyForDownload(
  resolveProxy: (url: string) => Promise<string>,
  env: NodeJS.ProcessEnv = process.env
): Promise<ProxySettings | undefined> {
  const fromEnv = proxySettingsFromEnv(env)
  const settings = provisionSettingsFromEnv(env)
  if (fromEnv.httpsProxy || fromEnv.httpProxy || fromEnv.noProxy || settings.localSource) return undefined
  let url: string
  try {
    url = fileUrl(DEFAULT_PACK, DEFAULT_PACK.files[0].path, settings.mirror)
  } catch {
    return undefined // an unusable mirror setting: the engine's download reports it
  }
  const proxy = proxyUrlOf(await resolveProxy(url).catch(() => 'DIRECT'))
  return proxy ? { httpsProxy: proxy, httpProxy: proxy, noProxy: '' } : undefined
}
