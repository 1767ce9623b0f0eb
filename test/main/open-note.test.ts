// Opening notes: editor command parsing without a shell, URI templates, refusal of executables, error reporting.
import { EventEmitter } from 'node:events'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildEditorInvocation, commandFor, desktopCommandDirs, openNoteFile, pageUrl, resolveEditorCommand, splitCommandLine, type OpenerServices } from '../../src/main/ipc/open-note'

/** The settings' commands with only an editor command. */
const editor = (editorCommand: string) => ({ editorCommand, pdfViewerCommand: '' })

function fakeServices(spawnOutcome: 'spawn' | 'error' = 'spawn', defaultPdfApp: string | null = null) {
  const log: unknown[] = []
  const services: OpenerServices = {
    openPath: async (path) => {
      log.push(['openPath', path])
      return path.includes('missing') ? 'File not found' : ''
    },
    openExternal: async (url) => {
      log.push(['openExternal', url])
    },
    showItemInFolder: (path) => log.push(['show', path]),
    defaultAppFor: async (mimeType) => (mimeType === 'application/pdf' ? defaultPdfApp : null),
    spawn: (command, args, options) => {
      log.push(['spawn', command, args, options.shell])
      const child = Object.assign(new EventEmitter(), { unref: () => log.push(['unref']) })
      setImmediate(() => (spawnOutcome === 'spawn' ? child.emit('spawn') : child.emit('error', new Error('ENOENT'))))
      return child
    }
  }
  return { services, log }
}

describe('splitCommandLine', () => {
  it.each([
    ['code -g {file}:{line}', ['code', '-g', '{file}:{line}']],
    ['"/Applications/My Editor.app/bin/edit" --line={line} {file}', ['/Applications/My Editor.app/bin/edit', '--line={line}', '{file}']],
    ["vim '+{line}' {file}", ['vim', '+{line}', '{file}']],
    ['"C:\\Program Files\\Notepad++\\notepad++.exe" -n{line} {file}', ['C:\\Program Files\\Notepad++\\notepad++.exe', '-n{line}', '{file}']],
    ['emacs "say \\"hi\\"" ""', ['emacs', 'say "hi"', '']]
  ])('splits %j', (command, words) => {
    expect(splitCommandLine(command)).toEqual(words)
  })

  it('refuses an unclosed quote', () => {
    expect(() => splitCommandLine('code "oops')).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }))
  })
})

describe('buildEditorInvocation', () => {
  it('substitutes the file inside one argument, so names with spaces or shell syntax stay one argument', () => {
    const file = '/notes/a b; rm -rf ~ $(x) `y`.md'
    expect(buildEditorInvocation('code -g {file}:{line}', file, 12)).toEqual({ kind: 'spawn', command: 'code', args: ['-g', `${file}:12`] })
  })

  it('appends the file when the template has no {file}', () => {
    expect(buildEditorInvocation('subl', '/n/x.md', 1)).toEqual({ kind: 'spawn', command: 'subl', args: ['/n/x.md'] })
  })

  it('URI-encodes values for editor URIs and refuses web and script schemes', () => {
    expect(buildEditorInvocation('obsidian://open?path={file}', '/n/a&b c.md', 3)).toEqual({ kind: 'uri', url: 'obsidian://open?path=%2Fn%2Fa%26b%20c.md' })
    for (const template of ['https://evil.example/?f={file}', 'javascript://x', 'file:///{file}']) {
      expect(() => buildEditorInvocation(template, '/n/x.md', 1)).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }))
    }
  })
})

describe('openNoteFile', () => {
  it('opens with the default app when no editor is configured', async () => {
    const { services, log } = fakeServices()
    await openNoteFile(services, editor(''), '/n/tokyo.md', { line: 4 })
    expect(log).toEqual([['openPath', '/n/tokyo.md']])
  })

  it('never hands executables to the default app', async () => {
    const { services, log } = fakeServices()
    for (const file of ['/n/run.sh', '/n/setup.EXE', '/n/x.desktop', '/n/app.AppImage', '/n/script.bat']) {
      await expect(openNoteFile(services, editor(''), file)).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOTS' })
    }
    expect(log).toEqual([])
  })

  it('reports a file the system cannot open', async () => {
    const { services } = fakeServices()
    await expect(openNoteFile(services, editor(''), '/n/missing.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('spawns the editor without a shell and detaches it', async () => {
    const { services, log } = fakeServices()
    await openNoteFile(services, editor('code -g {file}:{line}'), '/n/tokyo.md', { line: 9 })
    expect(log).toEqual([['spawn', 'code', ['-g', '/n/tokyo.md:9'], false], ['unref']])
  })

  it('reports an editor that cannot be started', async () => {
    const { services } = fakeServices('error')
    await expect(openNoteFile(services, editor('no-such-editor {file}'), '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('reports an editor Node refuses to spawn without a shell (e.g. code.cmd on Windows)', async () => {
    const { services } = fakeServices()
    services.spawn = () => {
      throw Object.assign(new Error('spawn EINVAL'), { code: 'EINVAL' })
    }
    await expect(openNoteFile(services, editor('code.cmd -g {file}:{line}'), '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('opens editor URIs through the OS', async () => {
    const { services, log } = fakeServices()
    await openNoteFile(services, editor('obsidian://open?path={file}'), '/n/t.md')
    expect(log).toEqual([['openExternal', 'obsidian://open?path=%2Fn%2Ft.md']])
  })
})

describe('opening a PDF at its page', () => {
  const pdf = '/n/papers/attention is all.pdf'

  it.each([
    ['evince -p {page} {file}', ['-p', '12', pdf]],
    ['okular -p {page} {file}', ['-p', '12', pdf]],
    ['zathura -P {page} {file}', ['-P', '12', pdf]],
    ['"/opt/My Viewer/view" --page={page} {file}', ['--page=12', pdf]]
  ])('builds %j with the page and the file as whole arguments', async (command, args) => {
    const { services, log } = fakeServices()
    await openNoteFile(services, { editorCommand: 'code -g {file}:{line}', pdfViewerCommand: command }, pdf, { line: 3, page: 12 })
    expect(log[0]).toEqual(['spawn', splitCommandLine(command)[0], args, false])
  })

  it('uses the PDF viewer command for PDFs only, the editor command for notes, the default app for other documents', () => {
    const commands = { editorCommand: 'code -g {file}:{line}', pdfViewerCommand: 'evince -p {page} {file}' }
    expect(commandFor(commands, '/n/a.PDF')).toBe('evince -p {page} {file}')
    expect(commandFor(commands, '/n/a.md')).toBe('code -g {file}:{line}')
    for (const file of ['/n/a.docx', '/n/a.epub', '/n/a.odt']) expect(commandFor(commands, file)).toBe('')
    // Without a viewer command a PDF goes to the editor command only when that one knows about pages.
    expect(commandFor({ editorCommand: 'code -g {file}:{line}' }, '/n/a.pdf')).toBe('')
    expect(commandFor({ editorCommand: 'xdg-open-at {file} {page}' }, '/n/a.pdf')).toBe('xdg-open-at {file} {page}')
  })

  it('fills {page} in URI templates too, and defaults it to 1', () => {
    expect(buildEditorInvocation('viewer://open?f={file}&p={page}', '/n/a.pdf', 1, 7)).toEqual({ kind: 'uri', url: 'viewer://open?f=%2Fn%2Fa.pdf&p=7' })
    expect(buildEditorInvocation('evince -p {page} {file}', '/n/a.pdf', 1)).toEqual({ kind: 'spawn', command: 'evince', args: ['-p', '1', '/n/a.pdf'] })
  })

  it('without a viewer command, opens a browser that is the default PDF app at #page=N', async () => {
    const { services, log } = fakeServices('spawn', 'firefox.desktop')
    await openNoteFile(services, editor(''), pdf, { page: 12 })
    expect(log).toEqual([['spawn', 'firefox', [`file:///n/papers/attention%20is%20all.pdf#page=12`], false], ['unref']])
    expect(pageUrl('/n/a#b.pdf', 3)).toBe('file:///n/a%23b.pdf#page=3')
  })

  it('opens the file itself when the default PDF app is not known to honour #page, or the browser fails to start', async () => {
    const evince = fakeServices('spawn', 'org.gnome.Evince.desktop')
    await openNoteFile(evince.services, editor(''), pdf, { page: 12 })
    expect(evince.log).toEqual([['openPath', pdf]])
    const broken = fakeServices('error', 'chromium.desktop')
    await openNoteFile(broken.services, editor(''), pdf, { page: 12 })
    expect(broken.log).toEqual([['spawn', 'chromium', [`file:///n/papers/attention%20is%20all.pdf#page=12`], false], ['openPath', pdf]])
  })
})

describe('7. an editor command when started from the Finder, the Dock or a desktop launcher', () => {
  /** A spawn that behaves like the OS: a bare name not on the (minimal) PATH is ENOENT, a full path runs. */
  function finderServices(resolveCommand?: (command: string) => string) {
    const { services, log } = fakeServices()
    services.spawn = (command, args) => {
      log.push(['spawn', command, args])
      const child = Object.assign(new EventEmitter(), { unref: () => undefined })
      const found = command.startsWith('/')
      setImmediate(() => (found ? child.emit('spawn') : child.emit('error', Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT' }))))
      return child
    }
    if (resolveCommand) services.resolveCommand = resolveCommand
    return { services, log }
  }

  it("finds `code` where editors install it although the app's PATH is /usr/bin:/bin:/usr/sbin:/sbin", async () => {
    const homebrew = mkdtempSync(join(tmpdir(), 'semnote-bin-'))
    writeFileSync(join(homebrew, 'code'), '#!/bin/sh\n')
    chmodSync(join(homebrew, 'code'), 0o755)
    const { services, log } = finderServices((command) => resolveEditorCommand(command, '/usr/bin:/bin:/usr/sbin:/sbin', [homebrew]))
    await openNoteFile(services, editor('code -g {file}:{line}'), '/n/tokyo.md', { line: 3 })
    expect(log[0]).toEqual(['spawn', join(homebrew, 'code'), ['-g', '/n/tokyo.md:3']])
  })

  it('says to give the full path when the editor cannot be found, on every platform', async () => {
    const { services } = finderServices((command) => resolveEditorCommand(command, '/usr/bin:/bin', []))
    await expect(openNoteFile(services, editor('no-such-editor {file}'), '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/full path/) })
  })

  it('looks in Homebrew, /usr/local/bin and ~/.local/bin on macOS, and leaves paths as given', () => {
    expect(desktopCommandDirs('darwin', '/Users/ada')).toEqual(expect.arrayContaining(['/opt/homebrew/bin', '/usr/local/bin', '/Users/ada/.local/bin']))
    expect(desktopCommandDirs('linux', '/home/ada')).toEqual(expect.arrayContaining(['/home/ada/.local/bin', '/snap/bin']))
    expect(resolveEditorCommand('/Applications/Editor.app/bin/edit', '', ['/opt/homebrew/bin'])).toBe('/Applications/Editor.app/bin/edit')
    expect(resolveEditorCommand('surely-not-installed', '/usr/bin', [])).toBe('surely-not-installed')
  })
})
