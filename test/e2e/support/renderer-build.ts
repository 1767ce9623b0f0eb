// Makes sure out/renderer holds a build of the current renderer sources (as `npm run build` makes it), building it if missing or stale.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'

export const repoRoot = resolve(__dirname, '..', '..', '..')
export const rendererOut = join(repoRoot, 'out', 'renderer')
const rendererRoot = join(repoRoot, 'src', 'renderer')

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((newest, name) => {
    const full = join(dir, name)
    const info = statSync(full)
    return Math.max(newest, info.isDirectory() ? newestMtime(full) : info.mtimeMs)
  }, 0)
}

/** Builds the renderer (same root, entries and base as electron.vite.config.ts) unless out/renderer is newer than its sources. */
export async function ensureRendererBuilt(): Promise<string> {
  const built = join(rendererOut, 'index.html')
  const sourcesChanged = Math.max(newestMtime(rendererRoot), newestMtime(join(repoRoot, 'src', 'shared')))
  if (existsSync(built) && existsSync(join(rendererOut, 'popup.html')) && statSync(built).mtimeMs >= sourcesChanged) return rendererOut
  await build({
    configFile: false,
    root: rendererRoot,
    base: './',
    logLevel: 'warn',
    plugins: [vue()],
    build: {
      outDir: rendererOut,
      emptyOutDir: true,
      rollupOptions: { input: { index: join(rendererRoot, 'index.html'), popup: join(rendererRoot, 'popup.html') } }
    }
  })
  return rendererOut
}
