// The `semnote` commands: usage text, dispatch, and mapping errors to exit codes (entry point: semnote.ts).
import { SemnoteError } from '../../shared/errors'
import { runBench } from './bench'
import { runCheck } from './commands/check'
import { runEval } from './commands/eval'
import { runIndex } from './commands/index-folders'
import { runMcp } from './commands/mcp'
import { runRelated } from './commands/related'
import { runSearch } from './commands/search'
import { runServe } from './commands/serve'
import { runStatus } from './commands/status'
import { UsageError } from './options'

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
  check [--json]                       verify the index against the files on disk (exit 1 when inconsistent)
  eval <set-dir>... [--mode M|all] [--model <pack-dir>] [--json] [--run-out <dir>]
                                       index each evaluation set and print Recall@1/5/10, MRR@10, nDCG@10
  bench [--quick] [--threads N] [--model <pack-dir>] [--out <dir>]
                                       measure speed, memory and disk against peers; prints the report folder
  mcp                                  MCP server on stdio for AI assistants (read-only; see README "Use from other tools")
  serve [--port N] [--allow-origin O]  local HTTP API on 127.0.0.1 (default port 47470), bearer token in <data-dir>/api-token

Global options:
  --data-dir <dir>     index location (default: the OS data folder)
  --models-dir <dir>   folder holding model packs (default: <data-dir>/models, then the bundled packs)
  --model-id <id>      model pack id to use (default multilingual-e5-small)
  --app                the desktop app's index and models instead of --data-dir
  -h, --help`

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  index: runIndex,
  search: runSearch,
  related: runRelated,
  status: runStatus,
  check: runCheck,
  eval: runEval,
  bench: runBench,
  mcp: runMcp,
  serve: runServe
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  const run = COMMANDS[command]
  if (!run) throw new UsageError(`unknown command: ${command}`)
  return run(rest)
}

const PARSE_ERRORS = new Set(['ERR_PARSE_ARGS_UNKNOWN_OPTION', 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'])

/** Runs the CLI with `argv` (without node and script) and sets process.exitCode: 0 ok, 1 failure, 2 usage. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv)
  } catch (error) {
    if (error instanceof UsageError || PARSE_ERRORS.has((error as { code?: string }).code ?? '')) {
      console.error(`semnote: ${(error as Error).message}\n\n${USAGE}`)
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
