/**
 * /proc/PID/environ: NUL-separated NAME=value entries. Only the variables that change how a
 * Go program uses memory are kept (the runtime package's environment variables, plus the
 * automemlimit library's); everything else is dropped unread, since environments hold secrets.
 * GOPROXY, GOAUTH and the like are toolchain variables and can carry credentials: not kept.
 */

/** Read by the Go runtime (pkg.go.dev/runtime, "Environment Variables"). */
const GO_RUNTIME_VARS = new Set([
  'GOGC',
  'GOMEMLIMIT',
  'GODEBUG',
  'GOMAXPROCS',
  'GOTRACEBACK',
  'GORACE',
]);

/** github.com/KimMachineGun/automemlimit reads AUTOMEMLIMIT, AUTOMEMLIMIT_DEBUG, ... */
const KEPT_PREFIX = 'AUTOMEMLIMIT';

const decoder = new TextDecoder('utf-8', { fatal: false });

export function isGoMemoryVariable(name: string): boolean {
  return GO_RUNTIME_VARS.has(name) || name.startsWith(KEPT_PREFIX);
}

/** The Go-relevant variables of an environ block. Never fails: odd entries are skipped. */
export function parseGoEnviron(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let start = 0;
  for (let i = 0; i <= data.length; i++) {
    if (i < data.length && data[i] !== 0) continue;
    // Only decode entries that start with G or A: the others are never looked at.
    const first = data[start];
    if (i > start && (first === 0x47 || first === 0x41))
      keep(decoder.decode(data.subarray(start, i)), out);
    start = i + 1;
  }
  return out;
}

function keep(entry: string, out: Record<string, string>): void {
  const eq = entry.indexOf('=');
  if (eq <= 0) return;
  const name = entry.slice(0, eq);
  if (isGoMemoryVariable(name)) out[name] = entry.slice(eq + 1);
}
