// The `semnote` entry's Node check: an older Node gets one clear line (not a TypeError from an API it lacks), the floor is
// package.json's.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NODE_FLOOR, unsupportedNode } from '../../src/main/cli/node-floor'

describe('semnote on an older Node', () => {
  it('takes its floor from package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } }
    expect(`>=${NODE_FLOOR}`).toBe(pkg.engines.node.replace(/\s/g, ''))
  })

  it('names the Node needed and the one running for an older version, and says nothing for the floor or newer', () => {
    for (const old of ['20.20.2', '22.15.0', '24.10.9', '8.0.0']) {
      expect(unsupportedNode(old, '24.11'), old).toBe(
        `semnote needs Node.js 24.11 or newer; this is Node ${old}. Install Node 24 LTS (nodejs.org, nvm, fnm or Volta), or in a Semnote checkout run: . scripts/use-node.sh`
      )
    }
    for (const ok of ['24.11.0', '24.22.3', '25.0.0', '100.1.1']) expect(unsupportedNode(ok, '24.11'), ok).toBeNull()
    expect(unsupportedNode(process.versions.node)).toBeNull()
  })
})
