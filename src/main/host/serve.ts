// The engine host's protocol loop: answers HostRequests with engine calls, forwards engine events, shuts down on request.
import type { EngineCallName, EngineEventName, HostReply } from '../engine/contract'
import { toErrorData } from '../error-codes'
import { isHostRequest, type FromHost } from './messages'

/** The engine as the host uses it (the Engine facade satisfies this). */
export interface HostedEngine {
  call(name: EngineCallName, arg: never): Promise<unknown>
  on(event: EngineEventName, listener: (payload: unknown) => void): () => void
  close(): Promise<void>
}

/** A message channel to main: Electron's process.parentPort or Node's IPC channel. */
export interface HostPort {
  onMessage(listener: (message: unknown) => void): void
  postMessage(message: FromHost): void
}

const FORWARDED_EVENTS: readonly EngineEventName[] = ['status', 'progress', 'model', 'mapProgress']

/** How long a host whose engine could not open waits for main's answer before it exits anyway. */
export const FATAL_EXIT_TIMEOUT_MS = 10_000

/**
 * Serves one engine over `port`: requests wait for the engine to open, replies carry the request id, `{shutdown}` closes
 * the engine and exits 0. A failed open is reported as `{fatal}`, and the host exits (code 1) when main answers it with
 * `{shutdown}`: exiting right after postMessage can lose the message in a real utilityProcess, and main would only ever
 * learn "exited (code 1)".
 */
export function serveEngine(
  port: HostPort,
  openEngine: () => Promise<HostedEngine>,
  exit: (code: number) => void,
  fatalExitTimeoutMs = FATAL_EXIT_TIMEOUT_MS
): void {
  const opened = openEngine()
  opened.then(
    (engine) => {
      for (const event of FORWARDED_EVENTS) engine.on(event, (payload) => port.postMessage({ event, payload }))
      port.postMessage({ ready: true })
    },
    (error: unknown) => {
      port.postMessage({ fatal: toErrorData(error).message })
      // Should main never answer, do not linger.
      setTimeout(() => exit(1), fatalExitTimeoutMs)
    }
  )

  port.onMessage((message) => {
    if (isHostRequest(message)) {
      const { id, call, arg } = message
      opened
        .then((engine) => engine.call(call, arg as never))
        .then(
          (value): HostReply => ({ id, ok: true, value }),
          (error: unknown): HostReply => ({ id, ok: false, error: toErrorData(error) })
        )
        .then((reply) => port.postMessage(reply))
    } else if ((message as { shutdown?: unknown })?.shutdown === true) {
      opened
        .then((engine) => engine.close())
        .then(
          () => exit(0),
          () => exit(1)
        )
    }
  })
}
