// How a process running the engine starts (issue 19.13): glibc's malloc tuned to give memory back, V8's young generation small.
import { ENGINE_SEMI_SPACE_MB } from './engine/worker-entry'

/**
 * glibc malloc settings for the engine's process, measured with `semnote index` and the lite pack on a 2-core machine
 * (scripts/reliability/memory-peak.ts). MALLOC_ARENA_MAX: glibc gives each thread that allocates its own arena (up to 8
 * per core), and the engine's threads (LanceDB's runtime, onnxruntime, worker isolates) each kept freed memory in one:
 * 3,300 man pages peaked at 1,076 MB with the default, about 790 MB with two. MALLOC_MMAP_THRESHOLD_ at 1 MB: by
 * default glibc raises its threshold after each large free (up to 32 MB), so LanceDB's multi-MB batches and ICU's
 * copies of a long note then come from the arenas, which keep them; a fixed 1 MB threshold hands blocks above it back to
 * the kernel when freed (five 19 MB Markdown notes: 812-862 MB, 4 runs, against 702-728 MB). Not lower: at 128 KB
 * every onnxruntime tensor became its own mapping, zeroed by the kernel at each use, and embedding with a transformer
 * model ran at 0.37x bare onnxruntime (bench section 1, 13 s of system time against 1.4); its per-batch tensors stay
 * below 1 MB but for the feed-forward layers' (about 3 MB at 512 tokens). glibc reads these only at process start, so
 * they are set for the process that will run the engine; values the user set are kept. Other C libraries ignore them.
 */
export const ENGINE_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) }

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
