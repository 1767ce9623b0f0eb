// The Node.js floor of package.json's `engines`, checked by the `semnote` entry before anything that needs a newer Node runs.
import { engines } from '../../../package.json'

/** The floor, e.g. "24.11" from ">=24.11". */
export const NODE_FLOOR = engines.node.replace(/^>=\s*/, '')

/** What to tell a user whose Node (`version`, e.g. "20.20.2") is older than `floor`; null when it is new enough. */
export function unsupportedNode(version: string, floor = NODE_FLOOR): string | null {
  const have = version.split('.').map(Number)
  const want = floor.split('.').map(Number)
  for (let i = 0; i < want.length; i++) {
    if ((have[i] ?? 0) === want[i]) continue
    if ((have[i] ?? 0) > want[i]!) return null
    return `semnote needs Node.js ${floor} or newer; this is Node ${version}. Install Node 24 LTS (nodejs.org, nvm, fnm or Volta), or in a Semnote checkout run: . scripts/use-node.sh`
  }
  return null
}
