// How a process running the engine starts (issue 19.13): glibc's malloc tuned to give memory back, V8's young generation small.
import { ENGINE_SEMI_SPACE_MB } from './engine/worker-entry'

/**
 * glibc malloc settings for the engine's process, measured with `semnote index` and the lite pack on a 2-core machine
 * (scripts/reliability/memory-peak.ts). MALLOC_ARENA_MAX: glibc gives each thread that allocates its own arena (up to 8
 * per core), and the engine's threads (LanceDB's runtime, onnxruntime, worker isolates) each kept freed memory in one:
 * 3,300 man pages peaked at 1,076 MB with the default, about 790 MB with two. Not MALLOC_MMAP_THRESHOLD_: a fixed 128 KB
 * threshold took another 50 MB off the man pages' peak, but every large buffer then became its own mapping, zeroed by
 * the kernel at each use: embedding with a transformer model ran at 0.37x bare onnxruntime (0.98x without; bench
 * section 1, 13 s of system time against 1.4). glibc reads these only at process start, so they are set for the process
 * that will run the engine; values the user set are kept. Other C libraries ignore them.
 */
export const ENGINE_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' }

/**
 * Node flags of the engine's process: the engine thread's young generation as small as its workers' (see
 * ENGINE_SEMI_SPACE_MB; a worker's is set where it starts, the main isolate's only by this flag at process start).
 */
export const ENGINE_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${ENGINE_SEMI_SPACE_MB}`]

/** `execArgv` plus ENGINE_NODE_FLAGS (a semi-space size already given is kept). */
export function engineExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.some((flag) => flag.startsWith('--max-semi-space-size')) ? [...execArgv] : [...execArgv, ...ENGINE_NODE_FLAGS]
}

/** `env` plus ENGINE_MALLOC_ENV (each unless already set). */
export function engineProcessEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value
  for (const [name, value] of Object.entries(ENGINE_MALLOC_ENV)) out[name] ??= value
  return out
}
