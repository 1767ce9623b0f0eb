// Main's client for the engine host process: request/reply with ids and timeouts, event fan-out, crash restarts with backoff.
import type { EngineCallName, EngineCalls, EngineEvents, HostReply } from './engine/contract'
import { SemnoteError } from '../shared/errors'
import type { FromHost, ToHost } from './host/messages'

/** A running engine host as the supervisor sees it (utilityProcess, a forked Node child or a test fake). */
export interface HostChild {
  send(message: ToHost): void
  kill(): void
  onMessage(listener: (message: unknown) => void): void
  /** Called once when the process is gone, with its exit code (null when killed by a signal). */
  onExit(listener: (code: number | null) => void): void
}

/** Starts a new engine host. Called again for every restart, so it can pick up changed options. */
export type SpawnHost = () => HostChild

export interface EngineClientOptions {
  spawn: SpawnHost
  /** Default reply timeout per call (ms). */
  callTimeoutMs?: number
  /** First restart delay; doubles with every rapid crash up to `restartMaxMs`. */
  restartBaseMs?: number
  restartMaxMs?: number
  /** Give up after more than this many crashes inside `rapidWindowMs`. */
  maxRapidCrashes?: number
  rapidWindowMs?: number
  /** How long `stop()` waits for a clean exit before killing. */
  shutdownTimeoutMs?: number
}

/** Engine events plus the supervisor's own lifecycle events. */
export interface EngineClientEvents extends EngineEvents {
  crashed: { message: string; restarting: boolean }
  ready: { restarted: boolean }
}

export type EngineClientState = 'idle' | 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped'

interface PendingCall {
  id: number
  call: EngineCallName
  arg: unknown
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
  sent: boolean
}

const unavailable = (message: string) => new SemnoteError('ENGINE_UNAVAILABLE', message)

/** Supervises one engine host process and gives main a typed, promise-based view of it. */
export class EngineClient {
  private child: HostChild | null = null
  private currentState: EngineClientState = 'idle'
  private nextId = 1
  private readonly pending = new Map<number, PendingCall>()
  private readonly listeners = new Map<keyof EngineClientEvents, Set<(payload: never) => void>>()
  private crashTimes: number[] = []
  private fatalMessage: string | null = null
  private restartTimer: ReturnType<typeof setTimeout> | null = null
  private everReady = false
  private stopping: Promise<void> | null = null
  private readonly options: Required<EngineClientOptions>

  constructor(options: EngineClientOptions) {
    this.options = {
      callTimeoutMs: 60_000,
      restartBaseMs: 500,
      restartMaxMs: 30_000,
      maxRapidCrashes: 5,
      rapidWindowMs: 60_000,
      shutdownTimeoutMs: 5_000,
      ...options
    }
  }

  /** Where the engine stands now. */
  get state(): EngineClientState {
    return this.currentState
  }

  /** Spawns the host. Calls made before it is ready are queued until it is. */
  start(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'stopped' && this.currentState !== 'failed') return
    this.crashTimes = []
    this.stopping = null
    this.spawnHost('starting')
  }

  /**
   * Calls the engine. Rejects with ENGINE_UNAVAILABLE when the engine crashes mid-call, does not answer
   * within the timeout, or has been given up on; with the engine's own SemnoteError otherwise.
   */
  call<K extends EngineCallName>(name: K, arg: EngineCalls[K][0], timeoutMs = this.options.callTimeoutMs): Promise<EngineCalls[K][1]> {
    if (this.currentState === 'failed') return Promise.reject(unavailable('the engine stopped after repeated crashes'))
    if (this.currentState === 'stopped' || this.currentState === 'idle') return Promise.reject(unavailable('the engine is not running'))
    return new Promise<EngineCalls[K][1]>((resolve, reject) => {
      const id = this.nextId++
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(unavailable(`the engine did not answer "${name}" within ${timeoutMs} ms`))
      }, timeoutMs)
      const entry: PendingCall = { id, call: name, arg, resolve: resolve as (value: unknown) => void, reject, timer, sent: false }
      this.pending.set(id, entry)
      if (this.currentState === 'ready') this.sendCall(entry)
    })
  }

  /** Subscribes to an engine or lifecycle event; returns the unsubscribe function. */
  on<E extends keyof EngineClientEvents>(event: E, listener: (payload: EngineClientEvents[E]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  /** Stops the host cleanly (engine.close), killing it if it does not exit in time; rejects queued calls. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping
    if (this.restartTimer) clearTimeout(this.restartTimer)
    this.restartTimer = null
    const child = this.child
    this.currentState = 'stopped'
    this.rejectAll('the engine is shutting down')
    if (!child) return (this.stopping = Promise.resolve())
    this.stopping = new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => child.kill(), this.options.shutdownTimeoutMs)
      child.onExit(() => {
        clearTimeout(killTimer)
        resolve()
      })
      child.send({ shutdown: true })
    })
    return this.stopping
  }

  /** Stops and starts again (e.g. after options changed); the crash count starts afresh. */
  async restart(): Promise<void> {
    await this.stop()
    this.start()
  }

  private spawnHost(state: 'starting' | 'restarting'): void {
    this.currentState = state
    this.fatalMessage = null
    let child: HostChild
    try {
      child = this.options.spawn()
    } catch (error) {
      this.handleExit(null, `could not start the engine: ${(error as Error).message}`)
      return
    }
    this.child = child
    let exited = false
    child.onMessage((message) => {
      if (this.child === child) this.handleMessage(message as FromHost)
    })
    child.onExit((code) => {
      if (exited) return
      exited = true
      if (this.child !== child) return
      this.child = null
      if (this.currentState !== 'stopped') this.handleExit(code)
    })
  }

  private handleMessage(message: FromHost): void {
    if (typeof message !== 'object' || message === null) return
    if ('ready' in message) {
      const restarted = this.everReady
      this.everReady = true
      this.currentState = 'ready'
      for (const entry of this.pending.values()) if (!entry.sent) this.sendCall(entry)
      this.emit('ready', { restarted })
    } else if ('fatal' in message) {
      // The host waits for this answer before it exits, so its reason is known when the exit comes.
      this.fatalMessage = String(message.fatal)
      try {
        this.child?.send({ shutdown: true })
      } catch {
        // Already gone: the exit handler reports it.
      }
    } else if ('event' in message) {
      this.emit(message.event, message.payload as never)
    } else if ('id' in message) {
      this.settle(message)
    }
  }

  private settle(reply: HostReply): void {
    const entry = this.pending.get(reply.id)
    if (!entry) return
    this.pending.delete(reply.id)
    clearTimeout(entry.timer)
    if (reply.ok) entry.resolve(reply.value)
    else entry.reject(new SemnoteError(reply.error.code, reply.error.message))
  }

  private sendCall(entry: PendingCall): void {
    entry.sent = true
    try {
      this.child?.send({ id: entry.id, call: entry.call, arg: entry.arg })
    } catch (error) {
      this.pending.delete(entry.id)
      clearTimeout(entry.timer)
      entry.reject(unavailable(`could not reach the engine: ${(error as Error).message}`))
    }
  }

  private handleExit(code: number | null, reason?: string): void {
    const message = reason ?? this.fatalMessage ?? `the engine process exited (code ${code === null ? 'signal' : code})`
    // Calls already sent are lost with the process; calls not yet sent wait for the restart.
    for (const entry of [...this.pending.values()]) {
      if (!entry.sent) continue
      this.pending.delete(entry.id)
      clearTimeout(entry.timer)
      entry.reject(unavailable(`${message}; the call "${entry.call}" was interrupted`))
    }
    const now = Date.now()
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.options.rapidWindowMs), now]
    if (this.crashTimes.length > this.options.maxRapidCrashes) {
      this.currentState = 'failed'
      this.rejectAll(`${message}; giving up after ${this.crashTimes.length} crashes`)
      this.emit('crashed', { message, restarting: false })
      return
    }
    const delay = Math.min(this.options.restartBaseMs * 2 ** (this.crashTimes.length - 1), this.options.restartMaxMs)
    this.currentState = 'restarting'
    this.emit('crashed', { message, restarting: true })
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null
      if (this.currentState === 'restarting') this.spawnHost('restarting')
    }, delay)
  }

  private rejectAll(message: string): void {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer)
      entry.reject(unavailable(message))
    }
    this.pending.clear()
  }

  private emit<E extends keyof EngineClientEvents>(event: E, payload: EngineClientEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        ;(listener as (p: EngineClientEvents[E]) => void)(payload)
      } catch {
        // A failing listener must not break the supervisor or the other listeners.
      }
    }
  }
}
