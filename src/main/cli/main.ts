// The `semnote` commands: usage text, dispatch, and mapping errors to exit codes (entry point: semnote.ts).
import { parseArgs } from 'node:util'
import { version } from '../../../package.json'
import { SemnoteError } from '../../shared/errors'
import { GLOBAL_OPTIONS } from './common'
import { UsageError } from './options'

/** The help text. A command's own help (`semnote <command> --help`) is its lines here plus the global options. */
const USAGE = `Usage: semnote <command> [options]

Commands:
  index <dir>... [--watch] [--threads N]
                                       add folders and index them (--watch: keep following changes;
                                       --threads: worker threads preparing notes, default from the cores)
  search "<query>" [options]           search the index
      --mode hybrid|semantic|keyword   (default hybrid)   -k, --limit N   (default 10)   --json
      --all   list the weaker matches below the relevance fold too (--json always lists all, each with "strong")
      --root <dir>  --path-prefix <p>  --ext md,txt  --after <date>  --before <date>
      --tag <tag>                      only notes with this tag (repeatable; "area" also finds "area/sub")
  related <file> [-k N] [--all] [--json]
                                       notes close in meaning to a note (weaker ones folded unless --all)
  status [--json]                      roots, files, chunks, skipped files, model, health
  check [--json]                       verify the index against the files on disk (exit 1 when inconsistent,
                                       3 while another process is indexing)
  map [--out <file>] [--json] [--stats]
                                       the map of notes by meaning: --out notes-map.html writes one self-contained
                                       HTML file; --json the coordinates and clusters; --stats its quality figures
  eval <set-dir>... [--mode M|all] [--model <pack-dir>] [--json] [--run-out <dir>]
                                       index each evaluation set and print Recall@1/5/10, MRR@10, nDCG@10
  bench [--quick] [--threads N] [--model <pack-dir>] [--out <dir>]
                                       measure speed, memory and disk against peers; prints the report folder
  mcp                                  MCP server on stdio for AI assistants (read-only; see README "Use from other tools")
  serve [--port N] [--allow-origin O]  local HTTP API on 127.0.0.1 (default port 47470), bearer token in <data-dir>/api-token

Global options (before or after the command):
  --data-dir <dir>     index location (default: the OS data folder)
  --models-dir <dir>   folder holding model packs (default: <data-dir>/models, then the bundled packs)
  --model-id <id>      model pack id to use (default multilingual-e5-small)
  --app                the desktop app's index and models instead of --data-dir
  -h, --help           this help, or a command's (semnote <command> --help)
  --version            the version`

type Command = (args: string[]) => Promise<number>
/**
 * Each command reads its own arguments (global options included) with parseCommand. Loaded when run: a `search` does
 * not compile the MCP SDK, the HTTP door or the bench (about 0.3 s of a CLI search's start-up).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  index: async () => (await import('./commands/index-folders')).runIndex,
  search: async () => (await import('./commands/search')).runSearch,
  related: async () => (await import('./commands/related')).runRelated,
  status: async () => (await import('./commands/status')).runStatus,
  check: async () => (await import('./commands/check')).runCheck,
  map: async () => (await import('./commands/map')).runMap,
  eval: async () => (await import('./commands/eval')).runEval,
  bench: async () => (await import('./bench')).runBench,
  mcp: async () => (await import('./commands/mcp')).runMcp,
  serve: async () => (await import('./commands/serve')).runServe
}

/** `semnote <command> --help`: the command's lines of USAGE, then the global options. */
function commandUsage(command: string): string {
  const lines = USAGE.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`  ${command} `) || line === `  ${command}`)
  if (start === -1) return USAGE
  const own = [lines[start]!]
  for (const line of lines.slice(start + 1)) {
    if (!/^ {5,}/.test(line)) break
    own.push(line)
  }
  const [synopsis, ...rest] = own
  const [usage, summary] = synopsis!.trim().split(/\s{3,}/)
  const globals = lines.slice(lines.findIndex((line) => line.startsWith('Global options')))
  return [`Usage: semnote ${usage}`, ...(summary ? [`  ${summary}`] : []), ...rest.map((line) => line.replace(/^ {4}/, '')), '', ...globals].join('\n')
}

/** Finds the command among the arguments (global options may come first) and what is left for it. */
function splitCommand(argv: string[]): { command: string | undefined; rest: string[] } {
  const { tokens } = parseArgs({ args: argv, options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true })
  const first = tokens.find((token) => token.kind === 'positional')
  if (!first || first.kind !== 'positional') return { command: undefined, rest: argv }
  return { command: first.value, rest: [...argv.slice(0, first.index), ...argv.slice(first.index + 1)] }
}

async function main(argv: string[]): Promise<number> {
  const { command, rest } = splitCommand(argv)
  const asksHelp = rest.includes('-h') || rest.includes('--help')
  if (rest.includes('--version')) {
    console.log(`semnote ${version}`)
    return 0
  }
  if (!command || command === 'help') {
    console.log(USAGE)
    return command || asksHelp ? 0 : 2
  }
  const load = COMMANDS[command]
  if (!load) throw new UsageError(`unknown command: ${command}`)
  if (asksHelp) {
    console.log(commandUsage(command))
    return 0
  }
  try {
    const run = await load()
    return await run(rest)
  } catch (error) {
    if (error instanceof UsageError || isParseError(error)) throw new UsageError((error as Error).message, command)
    throw error
  }
}

/** Node's parseArgs errors, with the message made one short line ("unknown option --x"). */
function isParseError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? ''
  if (!code.startsWith('ERR_PARSE_ARGS_')) return false
  const e = error as Error
  const unknown = /Unknown option '([^']+)'/.exec(e.message)
  if (unknown) e.message = `unknown option ${unknown[1]}`
  else e.message = e.message.split('. ')[0]!
  return true
}

/** Runs the CLI with `argv` (without node and script) and sets process.exitCode: 0 ok, 1 failure, 2 usage. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`semnote: ${error.message}`)
      console.error(`Run "semnote ${error.command ? `${error.command} ` : ''}--help" for usage.`)
      process.exitCode = 2
    } else if (error instanceof SemnoteError) {
      console.error(`semnote: ${error.message} (${error.code})`)
      process.exitCode = 1
    } else {
      console.error(`semnote: ${(error as Error).stack ?? String(error)}`)
      process.exitCode = 1
    }
  }
}
