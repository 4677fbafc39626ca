/** `gomemlens pprof <top|diff>`: heap (and goroutine) profiles read like `go tool pprof`. */
import { runSubcommand, type Subcommands } from './subcommands.js';

const HELP = `Usage: gomemlens pprof <subcommand> [flags]

Subcommands:
  top PROFILE|URL       flat and cum per function, like go tool pprof -top
  diff BASE NEW         what grew or shrank between two profiles, like -diff_base
  peek REGEX PROFILE    callers and callees of the matching functions, like -peek
  html PROFILE -o FILE  one self-contained page: top, icicle graph, peek, diff

PROFILE is a file (profile.proto, gzipped or not, or a ?debug=1 text heap or goroutine
profile) or a URL such as http://127.0.0.1:6060/debug/pprof/heap.
gomemlens pprof <subcommand> --help for its flags. See docs/pprof.md.`;

const SUBCOMMANDS: Subcommands = {
  top: () => import('./pprof-top.js'),
  diff: () => import('./pprof-diff.js'),
  peek: () => import('./pprof-peek.js'),
  html: () => import('./pprof-html.js'),
};

export function run(argv: string[]): Promise<number> {
  return runSubcommand(SUBCOMMANDS, HELP, argv);
}
