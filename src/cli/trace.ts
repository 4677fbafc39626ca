/** `gomemlens trace <madvise>`: what the Go runtime does with memory, seen by a tracer. */
import { runSubcommand, type Subcommands } from './subcommands.js';

const HELP = `Usage: gomemlens trace <subcommand> [flags]

Subcommands:
  madvise --pid N       the madvise calls of a Go process: how it returns memory to the OS,
                        per advice, thread and calling path, and whether RSS should drop

gomemlens trace <subcommand> --help for its flags. See docs/trace.md.`;

const SUBCOMMANDS: Subcommands = {
  madvise: () => import('./trace-madvise.js'),
};

export function run(argv: string[]): Promise<number> {
  return runSubcommand(SUBCOMMANDS, HELP, argv);
}
