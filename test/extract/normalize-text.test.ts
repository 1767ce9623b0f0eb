// normalizeText on long text (issue 19.13): normalised in pieces cut after newlines, the same text as normalised whole, in less memory.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../../src/main/engine/extract/decode'

describe('normalizeText on long text', () => {
  it('gives the text normalised whole, with combining marks at every line start and around the piece cuts', () => {
    const lines = ['Cafe\u0301 \u1100\u1161 A\u030a', '\u0301 lone mark after a newline', 'n\u0303\u0323o', '\r\nwindows line\r', 'nul\0here']
    let text = ''
    for (let i = 0; text.length < 3_500_000; i++) text += lines[i % lines.length]! + 'x'.repeat(i % 97) + '\n'
    const whole = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd').normalize('NFC')
    expect(normalizeText(text)).toBe(whole)
    expect(normalizeText(text + 'e\u0301')).toBe(whole + '\u00e9')
  })

  it.runIf(process.platform === 'linux')('peaks at about twice the text, not at the three times and more of normalising it whole', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'fixtures', 'normalize-peak-child.ts')], { encoding: 'utf8' })
    const { rise, textBytes, normalizedLength } = JSON.parse(out) as { rise: number; textBytes: number; normalizedLength: number }
    expect(normalizedLength).toBeLessThan(textBytes / 2)
    // Measured for 16 M characters (31 MB): whole 103 MB (3.3x), in pieces 63-64 MB (2x).
    expect(rise).toBeLessThan(2.6 * textBytes)
  })
})
