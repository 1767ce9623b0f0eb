// The engine host's protocol loop (issue 21 item 10): a start-up error reaches main before the host exits, on a port that,
// like a real utilityProcess's, delivers messages later and loses whatever is undelivered when the process exits.
import { describe, expect, it } from 'vitest'
import { serveEngine, type HostPort } from '../../src/main/host/serve'
import type { FromHost } from '../../src/main/host/messages'

/** A parentPort stand-in: posted messages reach main on a later turn; exiting drops the ones still in flight. */
function lossyPort() {
  const inFlight: FromHost[] = []
  const delivered: FromHost[] = []
  let toHost: ((message: unknown) => void) | null = null
  let exitCode: number | null = null
  const port: HostPort = {
    onMessage: (listener) => (toHost = listener),
    postMessage: (message) => {
      if (exitCode === null) inFlight.push(message)
    }
  }
  return {
    port,
    delivered,
    exit: (code: number) => {
      if (exitCode !== null) return
      exitCode = code
      inFlight.length = 0
    },
    get exitCode() {
      return exitCode
    },
    /** Lets pending promise callbacks run, then delivers what is in flight. */
    async deliver() {
      await new Promise((resolve) => setImmediate(resolve))
      delivered.push(...inFlight.splice(0))
    },
    send: (message: unknown) => toHost?.(message)
  }
}

describe('serveEngine', () => {
  it('reports a failed open to main before exiting, exiting with 1 once main has answered', async () => {
    const host = lossyPort()
    serveEngine(host.port, async () => Promise.reject(new Error('index folder is unusable')), host.exit)
    await host.deliver()
    expect(host.delivered).toEqual([{ fatal: 'index folder is unusable' }])
    expect(host.exitCode).toBeNull()
    host.send({ shutdown: true })
    await host.deliver()
    expect(host.exitCode).toBe(1)
  })

  it('exits on its own when main never answers', async () => {
    const host = lossyPort()
    serveEngine(host.port, async () => Promise.reject(new Error('broken')), host.exit, 5)
    await host.deliver()
    await expect.poll(() => host.exitCode).toBe(1)
  })
})
