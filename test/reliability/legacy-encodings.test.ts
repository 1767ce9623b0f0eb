// Issue 19.1: GBK, EUC-KR and EUC-JP notes (made with iconv, as a user's old files are) are decoded, searchable and warned about.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/main/engine/engine'
import { decodeText } from '../../src/main/engine/extract/decode'
import { getTinyPack } from '../helpers/test-model'
import { tempFolders } from '../engine/helpers'

const temp = tempFolders()
afterAll(() => temp.cleanup())

/** The text encoded by the system's iconv. */
function iconv(encoding: string, text: string): Buffer {
  return execFileSync('iconv', ['-f', 'UTF-8', '-t', encoding], { input: text })
}

const NOTES = [
  { file: 'gbk.txt', encoding: 'gbk', decodedAs: 'gb18030', text: '今天天气很好，我们去公园散步吧。明天下雨，我们在家看书。\n', query: '公园' },
  { file: 'euc-kr.txt', encoding: 'euc-kr', decodedAs: 'euc-kr', text: '오늘은 날씨가 좋아서 우리는 공원에 산책하러 갔습니다. 내일은 비가 온다고 합니다.\n', query: '공원에' },
  { file: 'euc-jp.txt', encoding: 'euc-jp', decodedAs: 'euc-jp', text: '今日は天気が良いので公園を散歩しました。明日は雨が降るそうです。\n', query: '公園' },
  { file: 'gbk-note.md', encoding: 'gbk', decodedAs: 'gb18030', text: '# 读书笔记\n\n这本书讲的是一个小城市里的故事。作者写得很好，我很喜欢。\n', query: '故事' },
  { file: 'euc-jp-memo.txt', encoding: 'euc-jp', decodedAs: 'euc-jp', text: '会議のメモ：来週の月曜日に予算について話し合います。\n', query: '予算' }
]

describe('legacy encodings (issue 19.1)', () => {
  it('decodes one-sentence GBK, EUC-KR and EUC-JP notes exactly, with a warning naming the encoding', () => {
    for (const note of NOTES) {
      const decoded = decodeText(iconv(note.encoding, note.text))
      expect(decoded.ok, note.file).toBe(true)
      if (!decoded.ok) continue
      expect([decoded.encoding, decoded.text], note.file).toEqual([note.decodedAs, note.text])
      expect(decoded.warnings.join(' '), note.file).toMatch(new RegExp(`not UTF-8: decoded as ${note.decodedAs}`))
    }
  })

  it('says so when it cannot tell the encoding (a few legacy bytes fit several), instead of replacing them silently', () => {
    const decoded = decodeText(iconv('gbk', '你好\n'))
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.warnings.join(' ')).toMatch(/encoding could not be told/)
    expect(decoded.warnings.join(' ')).toMatch(/save it as UTF-8/)
  })

  it('keeps a UTF-8 note with a few stray bytes as UTF-8', () => {
    const decoded = decodeText(Buffer.concat([Buffer.from('Grüße aus München, schön! '.repeat(20)), Buffer.from([0xe9, 0xe8, 0xe0])]))
    expect(decoded.ok && [decoded.encoding, decoded.warnings]).toEqual(['utf-8', ['invalid UTF-8: 3 byte sequences replaced with U+FFFD']])
  })

  it('indexes them searchable by their words, and status lists the decoding warnings', async () => {
    const root = temp.make('legacy')
    const dataDir = temp.make('legacy-data')
    for (const note of NOTES) writeFileSync(join(root, note.file), iconv(note.encoding, note.text))
    const engine = await Engine.open({ dataDir, modelDirs: [await getTinyPack()], watch: false, threads: 1 })
    try {
      await engine.call('addRoots', { paths: [root] })
      await engine.whenSettled()
      for (const note of NOTES) {
        const found = await engine.call('search', { query: note.query, mode: 'keyword' })
        expect(found.hits.map((h) => h.path), `${note.file}: ${note.query}`).toContain(join(root, note.file))
      }
      const warnings = new Map(((await engine.call('status', undefined)).warnings ?? []).map((w) => [w.path, w.detail]))
      for (const note of NOTES) expect(warnings.get(join(root, note.file)), note.file).toMatch(/not UTF-8: decoded as/)
    } finally {
      await engine.close()
    }
  })
})
