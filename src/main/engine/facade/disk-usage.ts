// Bytes a folder takes on disk (allocated blocks, so many small LanceDB files are counted as the OS counts them).
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/** Sum of allocated bytes under `dir` (0 when it does not exist). Symbolic links are not followed. */
export async function diskUsage(dir: string): Promise<number> {
  let total = 0
  const pending = [dir]
  while (pending.length > 0) {
    const current = pending.pop() as string
    const entries = await readdir(current, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = join(current, entry.name)
      if (entry.isDirectory()) pending.push(path)
      else {
        const info = await lstat(path).catch(() => null)
        if (info) total += info.blocks ? info.blocks * 512 : info.size
      }
    }
  }
  return total
}
