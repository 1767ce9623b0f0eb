// Third-party licences of what the packaged app ships: writes THIRD_PARTY_LICENSES.txt (every production npm
// dependency with its licence text, plus the bundled model pack's NOTICE) and fails on an unknown or incompatible
// licence. `node scripts/licenses.mjs [--out FILE]`; `npm run dist` runs it before packaging.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const require = createRequire(import.meta.url)
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Licences an MIT desktop app can ship in binary form without further obligations than keeping their notices, which
 * this report does. Copyleft licences (GPL, LGPL, AGPL, …) and anything unrecognised fail the check.
 */
export const ALLOWED_LICENSES = new Set([
  'MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'Apache-2.0', 'Zlib', 'CC0-1.0', 'Unlicense',
  'BlueOak-1.0.0', 'PSF-2.0', 'Python-2.0', 'CC-BY-3.0', 'CC-BY-4.0', 'WTFPL'
])

/**
 * Licences the checker could only guess from a licence file ("BSD*"), each read by a person: package@version -> SPDX id.
 * A new guess fails the check until it is read and added here.
 */
export const REVIEWED_GUESSES = {
  // node_modules/duck/LICENSE is the 2-clause BSD text (mammoth -> lop -> duck).
  'duck@0.1.12': 'BSD-2-Clause'
}

/** True when an SPDX expression ("MIT", "(MIT OR GPL-3.0)", "(MIT AND Zlib)") only needs allowed licences. */
export function isAllowedExpression(expression) {
  const text = String(expression).trim().replace(/^\((.*)\)$/, '$1')
  if (/ OR /i.test(text)) return text.split(/ OR /i).some((part) => isAllowedExpression(part))
  if (/ AND /i.test(text)) return text.split(/ AND /i).every((part) => isAllowedExpression(part))
  return ALLOWED_LICENSES.has(text.replace(/^\((.*)\)$/, '$1'))
}

/**
 * What electron-builder.yml leaves out of the app: `!node_modules/<name>/**` (a package) or `!node_modules/@scope/**`
 * (a whole scope) in `files`. Returns a test for package names.
 */
export function leftOutOfApp(builderYaml) {
  const patterns = [...builderYaml.matchAll(/!node_modules\/((?:@[^/\s"']+)(?:\/[^/\s"'*]+)?|[^@/\s"'*][^/\s"'*]*)\/\*\*/g)].map((m) => m[1])
  return (name) => patterns.some((pattern) => name === pattern || name.startsWith(`${pattern}/`))
}

/**
 * The licence of each package (name@version -> info) and the problems: unknown licences, guesses nobody reviewed,
 * and licences outside ALLOWED_LICENSES.
 */
export function checkLicenses(packages) {
  const problems = []
  const entries = []
  for (const [id, info] of Object.entries(packages)) {
    let license = Array.isArray(info.licenses) ? `(${info.licenses.join(' OR ')})` : String(info.licenses ?? 'UNKNOWN')
    if (license.endsWith('*')) {
      const reviewed = REVIEWED_GUESSES[id]
      if (!reviewed) {
        problems.push(`${id}: licence guessed as "${license}" from its files; read ${info.licenseFile ?? 'its files'} and add it to REVIEWED_GUESSES in scripts/licenses.mjs`)
        continue
      }
      license = reviewed
    }
    if (!isAllowedExpression(license)) problems.push(`${id}: "${license}" is unknown or not allowed for the MIT app (allowed: ${[...ALLOWED_LICENSES].join(', ')})`)
    entries.push({ id, license, info })
  }
  return { entries: entries.sort((a, b) => a.id.localeCompare(b.id)), problems }
}

/** The production dependency tree as license-checker-rseidelsohn reads it (installed packages, per package-lock). */
export function readProductionPackages(start = repoRoot) {
  const checker = require('license-checker-rseidelsohn')
  return new Promise((resolvePackages, reject) => {
    checker.init({ start, production: true, excludePrivatePackages: true }, (error, packages) => (error ? reject(error) : resolvePackages(packages)))
  })
}

function licenseText(info) {
  if (!info.licenseFile) return '(no licence file in the package; see its repository)'
  try {
    return readFileSync(info.licenseFile, 'utf8').trim()
  } catch {
    return '(licence file unreadable)'
  }
}

/** The report's text: what the app is, what the pack is, then every shipped package with its licence text. */
export function renderReport(entries, packNotice) {
  const rule = '-'.repeat(78)
  const head = [
    'Semnote: third-party licences',
    '',
    'Semnote\'s own code is MIT-licensed. The packaged app also contains the npm packages listed below, each under',
    'its own licence (its text follows its name), Electron and Chromium (their licences ship beside the executable:',
    'LICENSE, LICENSES.chromium.html), and the bundled model pack semnote-lite-multi in resources/models, whose data is',
    'GPL-3.0-or-later with CC BY-SA parts (its NOTICE.md is reproduced at the end). The pack is a separate data folder',
    'that the app reads at run time and that can be replaced or removed; it is not linked into the program, so the',
    'two form an aggregate and the app\'s MIT licence is unaffected.',
    '',
    `${entries.length} npm packages.`
  ]
  const body = entries.flatMap(({ id, license, info }) => [rule, `${id}  (${license})${info.repository ? `  ${info.repository}` : ''}`, '', licenseText(info), ''])
  return [...head, '', ...body, rule, 'semnote-lite-multi model pack: NOTICE.md', '', packNotice.trim(), ''].join('\n')
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: join(repoRoot, 'out', 'THIRD_PARTY_LICENSES.txt') } } })
  const leftOut = leftOutOfApp(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'))
  const shipped = Object.fromEntries(Object.entries(await readProductionPackages()).filter(([id]) => !leftOut(id.slice(0, id.lastIndexOf('@')))))
  const { entries, problems } = checkLicenses(shipped)
  if (problems.length > 0) {
    console.error(`Licence check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(1)
  }
  const notice = readFileSync(join(repoRoot, 'resources', 'models', 'semnote-lite-multi', 'NOTICE.md'), 'utf8')
  mkdirSync(dirname(values.out), { recursive: true })
  writeFileSync(values.out, renderReport(entries, notice))
  console.log(`Licences: ${entries.length} shipped npm packages, all allowed; report written to ${values.out}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
