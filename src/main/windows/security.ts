// Hardening shared by every window: locked-down webPreferences, no navigation or new windows, no permissions, a strict CSP.
import type { Session, WebContents, WebPreferences } from 'electron'

/**
 * The policy for our pages; the renderer's HTML carries the same policy in a meta tag (file:// pages get no headers).
 * img-src admits https: so the "load remote images" setting can work; whether such a request goes out is decided per
 * request by hardenSession (and the preview's sanitizer drops remote images while the setting is off).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')

export type WindowKind = 'main' | 'popup'

/** webPreferences for our windows: isolated, sandboxed, no Node, web security on, nothing optional enabled. */
export function secureWebPreferences(preload: string, kind: WindowKind): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: process.env.ELECTRON_RENDERER_URL !== undefined,
    additionalArguments: [`--semnote-window=${kind}`]
  }
}

/** Denies navigation, redirects, webviews and window.open for one webContents. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-frame-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** What the session lets through to the network. */
export interface NetworkPolicy {
  /** The "load remote images" setting, read at each request. */
  allowRemoteImages: () => boolean
  /** electron-vite's dev server (development only): its requests pass. */
  devServerUrl?: string
}

/** Request details the network policy looks at. */
export interface RequestDetails {
  url: string
  resourceType: string
}

/** Web URLs: the only requests the policy has to decide on (file: and data: pages and images are our own). */
export const WEB_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']

/** True when a web request may go out: https images while the setting is on, and the dev server (pages and hot reload) in development. */
export function webRequestAllowed(details: RequestDetails, policy: NetworkPolicy): boolean {
  if (policy.devServerUrl && new URL(details.url).host === new URL(policy.devServerUrl).host) return true
  return details.resourceType === 'image' && details.url.startsWith('https://') && policy.allowRemoteImages()
}

/** Denies every permission request and check, cancels web requests the policy does not allow, adds the CSP header to every response. */
export function hardenSession(session: Session, policy: NetworkPolicy): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onBeforeRequest({ urls: WEB_URL_PATTERNS }, (details, callback) => {
    callback({ cancel: !webRequestAllowed(details, policy) })
  })
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}
