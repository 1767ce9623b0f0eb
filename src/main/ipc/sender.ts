// Checks who sent an IPC call: the main frame of one of our windows, showing our own renderer (built files or the dev server).
import { isAbsolute, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where our renderer pages may legitimately come from. */
export interface TrustedRenderer {
  /** Folder holding the built renderer (out/renderer). */
  rendererDir: string
  /** electron-vite's dev server URL (ELECTRON_RENDERER_URL), only in development. */
  devServerUrl?: string
}

/** The parts of an IpcMainInvokeEvent the guard looks at. */
export interface SenderLike {
  sender: { id: number }
  senderFrame: { url: string; parent: unknown } | null
}

/** True when `url` is one of our renderer pages. */
export function isTrustedRendererUrl(url: string, trusted: TrustedRenderer): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '') return false
    const page = resolve(fileURLToPath(parsed))
    const inside = relative(resolve(trusted.rendererDir), page)
    return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) && page.endsWith('.html')
  }
  if (trusted.devServerUrl === undefined) return false
  const dev = new URL(trusted.devServerUrl)
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.origin === dev.origin
}

/**
 * Builds the sender check: returns why a sender is refused, or null when it is one of our windows'
 * main frames showing our renderer.
 */
export function createSenderGuard(trusted: TrustedRenderer, isOurWebContents: (id: number) => boolean): (event: SenderLike) => string | null {
  return (event) => {
    const frame = event.senderFrame
    if (frame === null || frame === undefined) return 'the sending frame is gone'
    if (frame.parent !== null) return 'calls are accepted from top-level frames only'
    if (!isOurWebContents(event.sender.id)) return 'the sender is not a Semnote window'
    if (!isTrustedRendererUrl(frame.url, trusted)) return `the sending page is not Semnote's renderer`
    return null
  }
}
