// Opening notes: editor command parsing without a shell, URI templates, refusal of executables, error reporting.
import { EventEmitter } from 'node:events'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildEditorInvocation, desktopCommandDirs, openNoteFile, resolveEditorCommand, splitCommandLine, type OpenerServices } from '../../src/main/ipc/open-note'

function fakeServices(spawnOutcome: 'spawn' | 'error' = 'spawn') {
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
    await openNoteFile(services, '', '/n/tokyo.md', 4)
    expect(log).toEqual([['openPath', '/n/tokyo.md']])
  })

  it('never hands executables to the default app', async () => {
    const { services, log } = fakeServices()
    for (const file of ['/n/run.sh', '/n/setup.EXE', '/n/x.desktop', '/n/app.AppImage', '/n/script.bat']) {
      await expect(openNoteFile(services, '', file)).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOTS' })
    }
    expect(log).toEqual([])
  })

  it('reports a file the system cannot open', async () => {
    const { services } = fakeServices()
    await expect(openNoteFile(services, '', '/n/missing.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('spawns the editor without a shell and detaches it', async () => {
    const { services, log } = fakeServices()
    await openNoteFile(services, 'code -g {file}:{line}', '/n/tokyo.md', 9)
    expect(log).toEqual([['spawn', 'code', ['-g', '/n/tokyo.md:9'], false], ['unref']])
  })

  it('reports an editor that cannot be started', async () => {
    const { services } = fakeServices('error')
    await expect(openNoteFile(services, 'no-such-editor {file}', '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('reports an editor Node refuses to spawn without a shell (e.g. code.cmd on Windows)', async () => {
    const { services } = fakeServices()
    services.spawn = () => {
      throw Object.assign(new Error('spawn EINVAL'), { code: 'EINVAL' })
    }
    await expect(openNoteFile(services, 'code.cmd -g {file}:{line}', '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('opens editor URIs through the OS', async () => {
    const { services, log } = fakeServices()
    await openNoteFile(services, 'obsidian://open?path={file}', '/n/t.md')
    expect(log).toEqual([['openExternal', 'obsidian://open?path=%2Fn%2Ft.md']])
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
    await openNoteFile(services, 'code -g {file}:{line}', '/n/tokyo.md', 3)
    expect(log[0]).toEqual(['spawn', join(homebrew, 'code'), ['-g', '/n/tokyo.md:3']])
  })

  it('says to give the full path when the editor cannot be found, on every platform', async () => {
    const { services } = finderServices((command) => resolveEditorCommand(command, '/usr/bin:/bin', []))
    await expect(openNoteFile(services, 'no-such-editor {file}', '/n/tokyo.md')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/full path/) })
  })

  it('looks in Homebrew, /usr/local/bin and ~/.local/bin on macOS, and leaves paths as given', () => {
    expect(desktopCommandDirs('darwin', '/Users/ada')).toEqual(expect.arrayContaining(['/opt/homebrew/bin', '/usr/local/bin', '/Users/ada/.local/bin']))
    expect(desktopCommandDirs('linux', '/home/ada')).toEqual(expect.arrayContaining(['/home/ada/.local/bin', '/snap/bin']))
    expect(resolveEditorCommand('/Applications/Editor.app/bin/edit', '', ['/opt/homebrew/bin'])).toBe('/Applications/Editor.app/bin/edit')
    expect(resolveEditorCommand('surely-not-installed', '/usr/bin', [])).toBe('surely-not-installed')
  })
})
