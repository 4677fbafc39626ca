/** `gomemlens trace <madvise|gc>`: what the Go runtime does with memory, seen by a tracer or in its execution trace. */
import { runSubcommand, type Subcommands } from './subcommands.js';

const HELP = `Usage: gomemlens trace <subcommand> [flags]

Subcommands:
  madvise --pid N       the madvise calls of a Go process: how it returns memory to the OS,
                        per advice, thread and calling path, and whether RSS should drop
  gc TRACE|URL          what the GC did: mark phases, stop-the-world pauses and their reasons,
                        mark assists per goroutine, heap and goal, the MMU curve

TRACE is a Go execution trace (Go >= 1.22 format) written by runtime/trace, go test -trace
or /debug/pprof/trace, or the URL of that endpoint (http://127.0.0.1:6060/debug/pprof/trace?seconds=5).
gomemlens trace <subcommand> --help for its flags. See docs/trace.md.`;

const SUBCOMMANDS: Subcommands = {
  madvise: () => import('./trace-madvise.js'),
  gc: () => import('./trace-gc.js'),
};

export function run(argv: string[]): Promise<number> {
  return runSubcommand(SUBCOMMANDS, HELP, argv);
}
