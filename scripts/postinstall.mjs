// npm postinstall: provisions the default model pack; never fails the install (warns instead).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const tsx = 'node_modules/tsx/dist/cli.mjs'
if (!existsSync(tsx)) {
  console.warn('Semnote: the model step needs dev dependencies (tsx); run `npm run fetch-model` after a full `npm install`.')
  process.exit(0)
}
spawnSync(process.execPath, [tsx, 'scripts/provision-model.ts'], { stdio: 'inherit' })
process.exit(0)
