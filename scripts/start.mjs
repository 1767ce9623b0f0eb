// `npm start`: launches the desktop app when an Electron binary is installed, otherwise the CLI quick start.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { requireSupportedNode } from './node-version.mjs'

requireSupportedNode('npm start')

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1

/** The installed Electron binary, found from the package's files (requiring 'electron' would try to download it). */
function electronBinary() {
  const pathFile = join('node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join('node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
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
