// The licence report of npm run dist: every shipped package has an allowed licence, and the check fails on the wrong ones.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLicenses, isAllowedExpression, leftOutOfApp, readProductionPackages, renderReport } from '../../scripts/licenses.mjs'

const repoRoot = join(__dirname, '..', '..')

describe('third-party licences', () => {
  it('reads SPDX expressions: OR needs one allowed side, AND needs both', () => {
    expect(isAllowedExpression('MIT')).toBe(true)
    expect(isAllowedExpression('(MIT OR GPL-3.0-or-later)')).toBe(true)
    expect(isAllowedExpression('(MIT AND Zlib)')).toBe(true)
    expect(isAllowedExpression('(MIT AND GPL-3.0-only)')).toBe(false)
    expect(isAllowedExpression('LGPL-3.0-or-later')).toBe(false)
    expect(isAllowedExpression('UNKNOWN')).toBe(false)
  })

  it('fails on a copyleft, an unknown and an unreviewed guessed licence, naming each package', () => {
    const { problems } = checkLicenses({
      'ok@1.0.0': { licenses: 'MIT' },
      'gpl@2.0.0': { licenses: 'GPL-3.0-only' },
      'mystery@0.1.0': { licenses: 'UNKNOWN' },
      'guessed@3.0.0': { licenses: 'BSD*', licenseFile: '/x/LICENSE' },
      'duck@0.1.12': { licenses: 'BSD*' }
    })
    expect(problems).toHaveLength(3)
    expect(problems.join('\n')).toMatch(/gpl@2\.0\.0.*GPL-3\.0-only/)
    expect(problems.join('\n')).toMatch(/mystery@0\.1\.0/)
    expect(problems.join('\n')).toMatch(/guessed@3\.0\.0.*REVIEWED_GUESSES/)
  })

  it('leaves out what electron-builder.yml excludes from the app (packages and whole scopes)', () => {
    const leftOut = leftOutOfApp(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'))
    expect(leftOut('sharp')).toBe(true)
    expect(leftOut('@img/sharp-libvips-linux-x64')).toBe(true)
    expect(leftOut('@huggingface/transformers')).toBe(true)
    expect(leftOut('onnxruntime-node')).toBe(false)
    expect(leftOut('@lancedb/lancedb')).toBe(false)
  })

  it('every npm package the app ships has an allowed licence, and the report carries their texts and the pack NOTICE', async () => {
    const leftOut = leftOutOfApp(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'))
    const all = await readProductionPackages(repoRoot)
    const shipped = Object.fromEntries(Object.entries(all).filter(([id]) => !leftOut(id.slice(0, id.lastIndexOf('@')))))
    expect(Object.keys(shipped)).toEqual(expect.arrayContaining([expect.stringMatching(/^onnxruntime-node@/), expect.stringMatching(/^@lancedb\/lancedb@/)]))
    const { entries, problems } = checkLicenses(shipped)
    expect(problems).toEqual([])
    const report = renderReport(entries, readFileSync(join(repoRoot, 'resources', 'models', 'semnote-lite-multi', 'NOTICE.md'), 'utf8'))
    expect(report).toContain('MIT-licensed')
    expect(report).toMatch(/onnxruntime-node@[\d.]+ {2}\(MIT\)/)
    expect(report).toContain('Permission is hereby granted')
    expect(report).toContain('CC-CEDICT')
  })
})
