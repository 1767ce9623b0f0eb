// Test side of fixtures/engine-driver.ts: an engine in a child process (optionally without root's file override, or in a user namespace).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import type { EngineCalls } from '../../src/main/engine/contract'
import type { DriverSetup } from './fixtures/engine-driver'
import { repoRoot } from './helpers'

const DRIVER = join(__dirname, 'fixtures', 'engine-driver.ts')
const OVERRIDE_CAPS = '-dac_override,-dac_read_search'

export interface DriverError {
  code: string
  message: string
}

export interface SpawnOptions {
  /** Run without CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH when root, so file modes apply. */
  unprivileged?: boolean
  /** Shell lines run first in a new user + mount namespace (e.g. lowering inotify limits); the engine runs after them. */
  namespaceSetup?: string
}

/** An engine running in a child process; every method sends one command and waits for its answer. */
export class DrivenEngine {
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: DriverError) => void }>()
  /** Everything the child wrote to stderr, and the unhandled error it crashed with (if it did). */
  stderr = ''
  crashed: DriverError | null = null
  exited: Promise<number | null>
  /** The engine process's pid (inside its namespace, when it runs in one). */
  pid = 0

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()))
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
    void this.exited.then(() => {
      for (const pending of this.waiting.values()) pending.reject({ code: 'EXITED', message: `driver exited; stderr: ${this.stderr}` })
      this.waiting.clear()
    })
  }

  /** Starts the child and resolves once the engine opened, or rejects with the error the open failed with. */
  static async start(setup: DriverSetup, options: SpawnOptions = {}): Promise<DrivenEngine> {
    const node = [process.execPath, '--import', 'tsx', DRIVER, JSON.stringify(setup)]
    let command: string[] = node
    if (options.namespaceSetup !== undefined) {
      const quoted = node.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')
      command = ['unshare', '-Urm', 'sh', '-c', `${options.namespaceSetup}\nexec ${quoted}`]
    } else if (options.unprivileged && process.getuid?.() === 0) {
      command = ['setpriv', `--bounding-set=${OVERRIDE_CAPS}`, `--inh-caps=${OVERRIDE_CAPS}`, ...node]
    }
    const child = spawn(command[0]!, command.slice(1), { cwd: repoRoot, env: { ...process.env, LANCEDB_LOG: 'error' }, stdio: ['pipe', 'pipe', 'pipe'] })
    const driven = new DrivenEngine(child)
    const lines = createInterface({ input: child.stdout })
    const ready = new Promise<void>((resolve, reject) => {
      lines.on('line', (line) => {
        const message = JSON.parse(line) as { ready?: boolean; pid?: number; error?: DriverError; id?: number; ok?: boolean; result?: unknown; crashed?: DriverError }
        if (message.crashed) driven.crashed = message.crashed
        else if (message.ready === true) {
          driven.pid = message.pid ?? 0
          resolve()
        }
        else if (message.ready === false) reject(message.error)
        else if (message.id !== undefined) {
          const pending = driven.waiting.get(message.id)
          driven.waiting.delete(message.id)
          if (message.ok) pending?.resolve(message.result)
          else pending?.reject(message.error!)
        }
      })
      void driven.exited.then((code) => reject({ code: 'EXITED', message: `driver exited with ${code} before it was ready; stderr: ${driven.stderr}` }))
    })
    await ready
    return driven
  }

  call<K extends keyof EngineCalls>(name: K, arg: EngineCalls[K][0]): Promise<EngineCalls[K][1]> {
    return this.send({ op: 'call', name, arg }) as Promise<EngineCalls[K][1]>
  }

  whenIdle(): Promise<void> {
    return this.send({ op: 'whenIdle' }) as Promise<void>
  }

  check(): Promise<{ ok: boolean; problems: string[] }> {
    return this.send({ op: 'check' }) as Promise<{ ok: boolean; problems: string[] }>
  }

  chunkCounts(): Promise<Record<string, number>> {
    return this.send({ op: 'chunkCounts' }) as Promise<Record<string, number>>
  }

  embeddedChunks(): Promise<number> {
    return this.send({ op: 'embeddedChunks' }) as Promise<number>
  }

  /** Closes the engine and waits for the child to exit. */
  async close(): Promise<void> {
    await this.send({ op: 'close' }).catch(() => undefined)
    this.child.stdin.end()
    await this.exited
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }

  private send(command: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.child.stdin.write(`${JSON.stringify({ id, ...command })}\n`)
    })
  }
}
