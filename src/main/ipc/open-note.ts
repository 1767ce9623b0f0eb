// Opens a note in the default app, a configured editor command (no shell) or an editor URI; reveals notes in the file manager.
import type { SpawnOptions } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, extname, join } from 'node:path'
import { SemnoteError } from '../../shared/errors'

/** The OS services opening needs (Electron's shell and Node's spawn in the app, fakes in tests). */
export interface OpenerServices {
  openPath(path: string): Promise<string>
  openExternal(url: string): Promise<void>
  showItemInFolder(path: string): void
  spawn(command: string, args: string[], options: SpawnOptions): { once(event: 'spawn' | 'error', listener: (error?: Error) => void): unknown; unref(): void }
  /** The full path of a bare command name (resolveEditorCommand in the app); the name itself when not found. */
  resolveCommand?(command: string): string
}

/**
 * Folders an app started from the desktop does not have on its PATH although editors install their command there: macOS
 * gives Finder/Dock apps /usr/bin:/bin:/usr/sbin:/sbin only (Homebrew, MacPorts, VS Code's `code`); Linux desktop sessions
 * often miss ~/.local/bin, snaps and flatpaks.
 */
export function desktopCommandDirs(platform: NodeJS.Platform, home: string): string[] {
  if (platform === 'darwin') {
    return ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin', join(home, '.local', 'bin'), join(home, 'bin'), '/Applications/Visual Studio Code.app/Contents/Resources/app/bin']
  }
  if (platform === 'linux') return [join(home, '.local', 'bin'), join(home, 'bin'), '/snap/bin', '/var/lib/flatpak/exports/bin', join(home, '.local', 'share', 'flatpak', 'exports', 'bin')]
  return []
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/**
 * Finds a bare command (`code`, `subl`) on PATH, then in `extraDirs`; a command with a path is used as given. Returns the
 * name unchanged when nothing is found (the spawn then reports it). Windows resolves through PATHEXT itself: not handled.
 */
export function resolveEditorCommand(command: string, pathVariable: string, extraDirs: readonly string[]): string {
  if (command.includes('/') || command.includes('\\')) return command
  const dirs = [...pathVariable.split(delimiter).filter(Boolean), ...extraDirs]
  return dirs.map((dir) => join(dir, command)).find(isExecutableFile) ?? command
}

/** Files the default app would execute rather than display: never opened that way. */
const EXECUTABLE_EXTENSIONS = new Set([
  'app', 'appimage', 'apk', 'bat', 'bin', 'cmd', 'com', 'command', 'cpl', 'deb', 'desktop', 'dmg', 'exe', 'hta', 'jar',
  'js', 'jse', 'lnk', 'msc', 'msi', 'msp', 'pif', 'pkg', 'ps1', 'psm1', 'reg', 'rpm', 'run', 'scr', 'sh', 'url', 'vb',
  'vbe', 'vbs', 'webloc', 'ws', 'wsf', 'wsh'
])
/** URI schemes an editor template may not use (they would open a browser or run script). */
const REFUSED_SCHEMES = new Set(['http', 'https', 'file', 'javascript', 'data', 'vbscript', 'blob', 'ftp'])

/** Splits a command line into words, honouring "double" and 'single' quotes; never invokes a shell. */
export function splitCommandLine(command: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | null = null
  for (let i = 0; i < command.length; i++) {
    const char = command[i]
    if (quote) {
      if (char === quote) quote = null
      else if (char === '\\' && quote === '"' && (command[i + 1] === '"' || command[i + 1] === '\\')) word += command[++i]
      else word += char
    } else if (char === '"' || char === "'") {
      quote = char
      inWord = true
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote) throw new SemnoteError('INVALID_PAYLOAD', 'the editor command has an unclosed quote')
  if (inWord) words.push(word)
  return words
}

/** What running the editor template for a file amounts to. */
export type EditorInvocation = { kind: 'uri'; url: string } | { kind: 'spawn'; command: string; args: string[] }

/**
 * Fills `{file}` and `{line}` into an editor template. A template that is a URI (obsidian://open?path={file})
 * gets URI-encoded values; a command gets each placeholder substituted inside its own argument, so a file
 * name can never become an extra argument or shell syntax.
 */
export function buildEditorInvocation(template: string, file: string, line: number): EditorInvocation {
  const trimmed = template.trim()
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme !== undefined) {
    if (REFUSED_SCHEMES.has(scheme)) throw new SemnoteError('INVALID_PAYLOAD', `editor URIs may not use ${scheme}:`)
    const url = trimmed.replaceAll('{file}', encodeURIComponent(file)).replaceAll('{line}', String(line))
    return { kind: 'uri', url }
  }
  const words = splitCommandLine(trimmed)
  if (words.length === 0) throw new SemnoteError('INVALID_PAYLOAD', 'the editor command is empty')
  const fill = (word: string) => word.replaceAll('{file}', file).replaceAll('{line}', String(line))
  const args = words.slice(1).map(fill)
  if (!words.slice(1).some((word) => word.includes('{file}'))) args.push(file)
  return { kind: 'spawn', command: words[0], args }
}

/** Opens an already-resolved note path: configured editor at `line`, else the system default app. */
export async function openNoteFile(services: OpenerServices, editorTemplate: string, file: string, line = 1): Promise<void> {
  if (editorTemplate.trim() !== '') {
    const invocation = buildEditorInvocation(editorTemplate, file, line)
    if (invocation.kind === 'uri') return services.openExternal(invocation.url)
    const command = services.resolveCommand?.(invocation.command) ?? invocation.command
    return new Promise<void>((resolve, reject) => {
      let child: ReturnType<OpenerServices['spawn']>
      try {
        child = services.spawn(command, invocation.args, { shell: false, detached: true, stdio: 'ignore', windowsHide: false })
      } catch (error) {
        // Node refuses .cmd/.bat without a shell (Windows): the user must point at the editor's .exe.
        reject(new SemnoteError('NOT_FOUND', `could not run the editor "${invocation.command}" without a shell (use the full path of its executable): ${(error as Error).message}`))
        return
      }
      child.once('error', (error) => {
        // Apps started from the Finder, the Dock or a desktop launcher do not get the PATH a terminal has.
        const hint = command === invocation.command && !/[/\\]/.test(command) ? '; Semnote does not see your terminal\'s PATH, so give the full path of the editor (e.g. /usr/local/bin/code)' : ''
        reject(new SemnoteError('NOT_FOUND', `could not run the editor "${invocation.command}": ${error?.message ?? 'unknown error'}${hint}`))
      })
      child.once('spawn', () => {
        child.unref()
        resolve()
      })
    })
  }
  const ext = extname(file).slice(1).toLowerCase()
  if (EXECUTABLE_EXTENSIONS.has(ext)) throw new SemnoteError('PATH_OUTSIDE_ROOTS', `.${ext} files are not opened: they could run as programs`)
  const problem = await services.openPath(file)
  if (problem !== '') throw new SemnoteError('NOT_FOUND', `could not open the note: ${problem}`)
}
