// `npm start`: launches the desktop app when an Electron binary is installed, otherwise the CLI quick start.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1

function electronBinary() {
  try {
    const path = require('electron')
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

if (run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build']) !== 0) process.exit(1)

const electron = electronBinary()
if (electron) process.exit(run(electron, ['.']))

const cli = join('out', 'main', 'cli.js')
const samples = join('resources', 'samples')
console.log('\nNo Electron binary on this machine: running the CLI quick start instead.')
console.log(`  semnote index ${samples}   (index the sample notes)`)
if (run(process.execPath, [cli, 'index', samples]) !== 0) process.exit(1)
for (const query of ['loud music at night', '晚上音乐很吵']) {
  console.log(`\n  semnote search "${query}"`)
  run(process.execPath, [cli, 'search', query, '-k', '3'])
}
console.log(`\nTry your own: node ${cli} index <folder>  then  node ${cli} search "<query>"`)
