// @vitest-environment happy-dom
// Renderer helpers: bridge error messages, highlight segments, hotkey capture, date ranges, front matter, wiki links, passage marking, locale/theme resolution.
import { describe, expect, it } from 'vitest'
import { errorMessage } from '../../src/renderer/src/bridge'
import { dateBounds } from '../../src/renderer/src/lib/dates'
import { baseName, folderWithinRoot, formatDuration, noteName } from '../../src/renderer/src/lib/format'
import { splitByHighlights } from '../../src/renderer/src/lib/highlight'
import { acceleratorFromEvent, displayAccelerator } from '../../src/renderer/src/lib/hotkey'
import { blankFrontMatter, renderMarkdown } from '../../src/renderer/src/lib/markdown'
import { markPassage } from '../../src/renderer/src/lib/passage'
import { resolveLocale, resolveTheme } from '../../src/renderer/src/stores/appearance'

describe('splitByHighlights', () => {
  it('cuts text at range boundaries; terms win over sentences; bad ranges are ignored', () => {
    const text = 'The quick brown fox.'
    const segments = splitByHighlights(text, [
      { start: 0, end: 20, kind: 'sentence' },
      { start: 4, end: 9, kind: 'term' },
      { start: 15, end: 10, kind: 'term' },
      { start: -5, end: 3, kind: 'term' }
    ])
    expect(segments).toEqual([
      { text: 'The', kind: 'term' },
      { text: ' ', kind: 'sentence' },
      { text: 'quick', kind: 'term' },
      { text: ' brown fox.', kind: 'sentence' }
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('works on UTF-16 offsets in CJK text and clamps past the end', () => {
    expect(splitByHighlights('京都旅行の計画', [{ start: 0, end: 2, kind: 'term' }, { start: 5, end: 99, kind: 'term' }])).toEqual([
      { text: '京都', kind: 'term' },
      { text: '旅行の', kind: 'plain' },
      { text: '計画', kind: 'term' }
    ])
  })
})

describe('acceleratorFromEvent', () => {
  const key = (over: Partial<KeyboardEvent>) => ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over })

  it('maps Ctrl on Linux and Cmd on macOS to CommandOrControl, keys by physical code', () => {
    expect(acceleratorFromEvent(key({ key: ' ', code: 'Space', ctrlKey: true, shiftKey: true }), 'linux')).toBe('CommandOrControl+Shift+Space')
    expect(acceleratorFromEvent(key({ key: 'ˆ', code: 'KeyJ', metaKey: true, altKey: true }), 'darwin')).toBe('CommandOrControl+Alt+J')
  })

  it('waits while only modifiers are held and refuses a plain letter', () => {
    expect(acceleratorFromEvent(key({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }), 'linux')).toBeNull()
    expect(acceleratorFromEvent(key({ key: 'k', code: 'KeyK' }), 'linux')).toBeNull()
    expect(acceleratorFromEvent(key({ key: 'F8', code: 'F8' }), 'linux')).toBe('F8')
  })

  it('displays accelerators per platform', () => {
    expect(displayAccelerator('CommandOrControl+Shift+Space', 'darwin')).toBe('⌘⇧Space')
    expect(displayAccelerator('CommandOrControl+Shift+Space', 'win32')).toBe('Ctrl+Shift+Space')
  })
})

describe('dateBounds', () => {
  const now = Date.UTC(2026, 5, 15)
  it('turns presets into lower bounds and custom days into inclusive local ranges', () => {
    expect(dateBounds('any', { from: '', to: '' }, now)).toEqual({})
    expect(dateBounds('week', { from: '', to: '' }, now)).toEqual({ modifiedAfter: now - 7 * 86_400_000 })
    const custom = dateBounds('custom', { from: '2026-01-02', to: '2026-01-03' }, now)
    expect(custom.modifiedBefore! - custom.modifiedAfter!).toBe(2 * 86_400_000 - 1)
    expect(dateBounds('custom', { from: 'nonsense', to: '' }, now)).toEqual({})
  })
})

describe('format helpers', () => {
  it('names folders and durations', () => {
    expect(baseName('/home/ada/notes/')).toBe('notes')
    expect(baseName('C:\\Users\\ada\\notes')).toBe('notes')
    expect(noteName({ title: 'Sourdough', path: '/n/bread.md' })).toBe('Sourdough')
    expect(noteName({ title: '', path: '/n/bread.md' })).toBe('bread.md')
    expect(folderWithinRoot('/n/a/b/c.md', '/n')).toBe('a/b')
    expect(folderWithinRoot('/n/c.md', '/n')).toBe('')
    expect(formatDuration(12)).toBe('12 s')
    expect(formatDuration(247)).toBe('4:07')
    expect(formatDuration(3909)).toBe('1:05:09')
  })
})

describe('blankFrontMatter', () => {
  it('blanks the YAML block but keeps the line count', () => {
    const source = '---\ntitle: A\ntags: [x]\n---\n# A\nbody'
    const blanked = blankFrontMatter(source)
    expect(blanked.split('\n')).toEqual(['', '', '', '', '# A', 'body'])
    expect(blankFrontMatter('# No front matter\n---\n')).toBe('# No front matter\n---\n')
  })
})

describe('markPassage', () => {
  it('marks blocks overlapping the passage lines and wraps its terms as text', () => {
    const container = document.createElement('div')
    const blocks = [
      [1, 1, 'Intro'],
      [3, 4, 'Feed the starter <b>overnight</b>'],
      [6, 6, 'Other starter']
    ]
    for (const [start, end, text] of blocks) {
      const p = document.createElement('p')
      p.dataset.line = String(start)
      p.dataset.lineEnd = String(end)
      p.textContent = String(text)
      container.append(p)
    }
    const first = markPassage(container, {
      chunkId: 'c',
      text: 'Feed the starter',
      heading: '',
      lineStart: 3,
      lineEnd: 4,
      highlights: [{ start: 9, end: 16, kind: 'term' }]
    })
    expect(first?.dataset.line).toBe('3')
    expect([...container.querySelectorAll('.hit-block')].map((el) => el.getAttribute('data-line'))).toEqual(['3'])
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['starter'])
    // The literal "<b>" stays text: no element was created from it.
    expect(container.querySelector('b')).toBeNull()
  })

  it('returns the block holding the query words when a long passage spans many blocks', () => {
    const container = document.createElement('div')
    for (let line = 1; line <= 40; line++) {
      const p = document.createElement('p')
      p.dataset.line = String(line)
      p.textContent = line === 37 ? 'The zeppelinfield sits here.' : `Paragraph ${line}.`
      container.append(p)
    }
    const text = 'Paragraph 30. … The zeppelinfield sits here.'
    const target = markPassage(container, {
      chunkId: 'c',
      text,
      heading: '',
      lineStart: 30,
      lineEnd: 40,
      highlights: [{ start: text.indexOf('zeppelinfield'), end: text.indexOf('zeppelinfield') + 'zeppelinfield'.length, kind: 'term' }]
    })
    expect(container.querySelectorAll('.hit-block')).toHaveLength(11)
    expect(target?.dataset.line).toBe('37')
  })
})

describe('appearance', () => {
  it('resolves the UI language and theme', () => {
    expect(resolveLocale('system', ['ja-JP', 'en'])).toBe('ja')
    expect(resolveLocale('system', ['zh-TW'])).toBe('zh-CN')
    expect(resolveLocale('system', ['de-DE'])).toBe('en')
    expect(resolveLocale('ja', ['en'])).toBe('ja')
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('light', true)).toBe('light')
  })
})

describe('errorMessage', () => {
  it('reads the message of an Error, of the plain object contextBridge delivers, and of anything else', () => {
    expect(errorMessage(new Error("Error invoking remote method 'semnote:call:search': Error: model missing"))).toBe('model missing')
    expect(errorMessage({ name: 'SemnoteError', code: 'PATH_OUTSIDE_ROOTS', message: 'outside the indexed folders' })).toBe('outside the indexed folders')
    expect(errorMessage('plain text')).toBe('plain text')
  })
})

describe('wiki links in the preview', () => {
  it('renders [[target|label]], [[target]] and ![[embed]] as the words they show, code untouched, lines kept', () => {
    const html = renderMarkdown('# Trip\n\nSee [[Kansai Pass|the rail pass]] and ![[Kyoto guide]].\n\n`[[kept]]`\n', { allowRemoteImages: false })
    expect(html).toContain('See the rail pass and Kyoto guide.')
    expect(html).toContain('<code>[[kept]]</code>')
    expect(html).toContain('data-line="3"')
  })
})
