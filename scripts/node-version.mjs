// The Node.js line Semnote runs on (the one Electron 45 embeds), checked by `npm start` and `npm test` before they run.
import { readFileSync } from 'node:fs'

/** The `engines.node` floor from package.json, e.g. "24.11". */
export function requiredNode() {
  const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines.node
  return engines.replace(/^>=\s*/, '')
}

/** True when `version` (e.g. "24.22.3") is at least `floor` (e.g. "24.11"). */
export function satisfiesFloor(version, floor) {
  const have = version.split('.').map(Number)
  const want = floor.split('.').map(Number)
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i]
  }
  return true
}

/** Exits with a message naming the ways to get a supported Node when this one is too old. */
export function requireSupportedNode(what) {
  const floor = requiredNode()
  if (satisfiesFloor(process.versions.node, floor)) return
  console.error(
    [
      `Semnote: ${what} needs Node.js ${floor} or newer (the Node line Electron 45 embeds); this is Node ${process.versions.node}.`,
      '  Get it from the npm registry for this shell, then run the command again:',
      '    . scripts/use-node.sh',
      '  or install Node 24 LTS from https://nodejs.org (or with nvm, fnm or Volta).'
    ].join('\n')
  )
  process.exit(1)
}
