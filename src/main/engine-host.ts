// utilityProcess entry: opens the Engine and serves it to main over process.parentPort (no electron import here).
import { Engine } from './engine/engine'
import { decodeEngineOptions } from './host/messages'
import { serveEngine, type HostPort } from './host/serve'

/** Electron's utilityProcess global, typed locally so this file needs no electron import. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

/** The channel to main: Electron's parentPort, or Node's IPC channel when forked by plain Node. */
function portToMain(): HostPort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (parentPort) {
    return { onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)), postMessage: (m) => parentPort.postMessage(m) }
  }
  if (process.send) {
    const send = process.send.bind(process)
    return { onMessage: (listener) => process.on('message', listener), postMessage: (m) => send(m) }
  }
  throw new Error('engine-host must run as an Electron utilityProcess or a forked Node child')
}

serveEngine(portToMain(), () => Engine.open(decodeEngineOptions(process.argv)), (code) => process.exit(code))
