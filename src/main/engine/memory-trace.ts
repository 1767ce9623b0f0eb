// Opt-in memory trace (SEMNOTE_MEMORY_TRACE=1): one stderr line per engine phase with the process's resident memory, read by the memory measurement (scripts/reliability/memory-peak.ts).
const enabled = process.env.SEMNOTE_MEMORY_TRACE === '1'
const MB = 1024 * 1024

/** Writes `[memory] <ms since start> <phase> rss=<MB> heap=<MB>` to stderr when the trace is on; nothing otherwise. */
export function memoryMark(phase: string): void {
  if (!enabled) return
  const usage = process.memoryUsage()
  process.stderr.write(`[memory] ${Math.round(performance.now())} ${phase} rss=${Math.round(usage.rss / MB)} heap=${Math.round(usage.heapUsed / MB)} arrayBuffers=${Math.round(usage.arrayBuffers / MB)}\n`)
}
