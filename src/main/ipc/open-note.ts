// Opens a note in the default app, a configured editor command (no shell) or an editor URI, a PDF at its page (the PDF
// viewer command, or a browser's #page=N); reveals notes in the file manager.
import { execFile, type SpawnOptions } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SemnoteError } from '../../shared/errors'

/** The OS services opening needs (Electron's shell and Node's spawn in the app, fakes in tests). */
export interface OpenerServices {
  openPath(path: string): Promise<string>
  openExternal(url: string): Promise<void>
  showItemInFolder(path: string): void
  spawn(command: string, args: string[], options: SpawnOptions): { once(event: 'spawn' | 'error', listener: (error?: Error) => void): unknown; unref(): void }
  /** The full path of a bare command name (resolveEditorCommand in the app); the name itself when not found. */
  resolveCommand?(command: string): string
  /** The desktop entry of the default app for a MIME type ("firefox.desktop"), null when unknown (default: xdg-mime on Linux). */
  defaultAppFor?(mimeType: string): Promise<string | null>
}

/** Where to open a note: a 1-based line (text notes) and, for a PDF, a 1-based page. */
export interface OpenTarget {
  line?: number
  page?: number
}

/** The commands of the settings that open notes. */
export interface OpenCommands {
  /** For text notes: {file}, {line} (and {page}) placeholders; empty = the default app. */
  editorCommand: string
  /** For PDFs: {file} and {page} placeholders; empty = the editor command if it has {page}, else the default app. */
  pdfViewerCommand?: string
}

/**
 * Browsers whose PDF viewer opens a `file:///x.pdf#page=N` URL at that page, by desktop entry, with the command that
 * starts them (passing the URL as an argument, which every one of them accepts).
 */
const PAGE_URL_BROWSERS: Record<string, string> = {
  'firefox.desktop': 'firefox',
  'firefox-esr.desktop': 'firefox-esr',
  'chromium.desktop': 'chromium',
  'chromium-browser.desktop': 'chromium-browser',
  'google-chrome.desktop': 'google-chrome',
  'microsoft-edge.desktop': 'microsoft-edge',
  'brave-browser.desktop': 'brave-browser',
  'vivaldi-stable.desktop': 'vivaldi'
}

/** The default app's desktop entry for a MIME type on Linux (xdg-mime); null elsewhere or when it cannot tell. */
export function xdgDefaultApp(mimeType: string): Promise<string | null> {
  if (process.platform !== 'linux') return Promise.resolve(null)
  return new Promise((resolve) => {
    execFile('xdg-mime', ['query', 'default', mimeType], { timeout: 2000 }, (error, stdout) => resolve(error ? null : stdout.trim() || null))
  })
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
 * Fills `{file}`, `{line}` and `{page}` into an editor template. A template that is a URI (obsidian://open?path={file})
 * gets URI-encoded values; a command gets each placeholder substituted inside its own argument, so a file
 * name can never become an extra argument or shell syntax.
 */
export function buildEditorInvocation(template: string, file: string, line: number, page = 1): EditorInvocation {
  const trimmed = template.trim()
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme !== undefined) {
    if (REFUSED_SCHEMES.has(scheme)) throw new SemnoteError('INVALID_PAYLOAD', `editor URIs may not use ${scheme}:`)
    const url = trimmed.replaceAll('{file}', encodeURIComponent(file)).replaceAll('{line}', String(line)).replaceAll('{page}', String(page))
    return { kind: 'uri', url }
  }
  const words = splitCommandLine(trimmed)
  if (words.length === 0) throw new SemnoteError('INVALID_PAYLOAD', 'the editor command is empty')
  const fill = (word: string) => word.replaceAll('{file}', file).replaceAll('{line}', String(line)).replaceAll('{page}', String(page))
  const args = words.slice(1).map(fill)
  if (!words.slice(1).some((word) => word.includes('{file}'))) args.push(file)
  return { kind: 'spawn', command: words[0], args }
}

/** Formats only the default app (or a viewer command) can open: an editor command is not used for them. */
const DOCUMENT_EXTENSIONS = new Set(['pdf', 'docx', 'epub', 'odt'])

/**
 * The command template that opens `file`: a PDF goes to the PDF viewer command (or to the editor command when that one
 * has a {page} placeholder), other documents to the default app, text notes to the editor command. "" = default app.
 */
export function commandFor(commands: OpenCommands, file: string): string {
  const ext = extname(file).slice(1).toLowerCase()
  if (ext === 'pdf') {
    if (commands.pdfViewerCommand?.trim()) return commands.pdfViewerCommand
    return commands.editorCommand.includes('{page}') ? commands.editorCommand : ''
  }
  return DOCUMENT_EXTENSIONS.has(ext) ? '' : commands.editorCommand
}

/** A `file:` URL that opens a PDF at a page in viewers that honour the #page fragment (browsers' PDF viewers). */
export function pageUrl(file: string, page: number): string {
  return `${pathToFileURL(file).href}#page=${page}`
}

/**
 * Opens an already-resolved note path: a configured command at `at.line` / `at.page`; else the system default app,
 * which for a PDF page is asked for `file:///…#page=N` when it is a browser that honours it.
 */
export async function openNoteFile(services: OpenerServices, commands: OpenCommands, file: string, at: OpenTarget = {}): Promise<void> {
  const line = at.line ?? 1
  const page = at.page ?? 1
  const template = commandFor(commands, file)
  if (template.trim() !== '') {
    const invocation = buildEditorInvocation(template, file, line, page)
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
  if (ext === 'pdf' && at.page !== undefined && at.page > 1 && (await openInPageBrowser(services, file, at.page))) return
  const problem = await services.openPath(file)
  if (problem !== '') throw new SemnoteError('NOT_FOUND', `could not open the note: ${problem}`)
}

/** Opens the PDF at `page` in the default app when that is a browser known to honour #page=N; false when it is not (or fails). */
async function openInPageBrowser(services: OpenerServices, file: string, page: number): Promise<boolean> {
  const app = await (services.defaultAppFor ?? xdgDefaultApp)('application/pdf').catch(() => null)
  const command = app ? PAGE_URL_BROWSERS[app] : undefined
  if (!command) return false
  return new Promise<boolean>((resolve) => {
    try {
      const child = services.spawn(command, [pageUrl(file, page)], { shell: false, detached: true, stdio: 'ignore' })
      child.once('error', () => resolve(false))
      child.once('spawn', () => {
        child.unref()
        resolve(true)
      })
    } catch {
      resolve(false)
    }
  })
}
