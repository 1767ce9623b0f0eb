// Test bridge injected with page.addInitScript: defines window.semnote (the SemnoteApi shape) over HTTP to the E2E server.
;(() => {
  const CALLS = [
    'search', 'highlightSentence', 'related', 'status', 'previewRoot', 'addRoots', 'removeRoot', 'indexFiles', 'pauseIndexing', 'resumeIndexing',
    'readNote', 'openNote', 'revealNote', 'getSettings', 'updateSettings', 'chooseFolder', 'retryModelDownload',
    'chooseModelFolder', 'hidePopup', 'addSampleNotes', 'shellStatus', 'map', 'mapLocate'
  ]
  const listeners = new Map()
  let source = null

  function connect() {
    if (source) return
    source = new EventSource('/events')
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data)
      for (const listener of listeners.get(event) ?? []) listener(payload)
    }
  }

  async function call(name, arg) {
    const response = await fetch(`/call/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ arg }) })
    const reply = await response.json()
    if (reply.ok) return reply.value
    const error = new Error(reply.error.message)
    error.code = reply.error.code
    throw error
  }

  const api = {
    windowKind: location.pathname.endsWith('popup.html') ? 'popup' : 'main',
    platform: 'linux',
    pathForFile: (file) => `/dropped/${file.name}`,
    on(event, listener) {
      connect()
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
  for (const name of CALLS) api[name] = (arg) => call(name, arg)
  Object.defineProperty(window, 'semnote', { value: Object.freeze(api), writable: false, configurable: false })

  // Records CSP violations: a payload that got past the sanitizer and was stopped only by the CSP still counts as a failure.
  window.__cspViolations = []
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`))
})()
