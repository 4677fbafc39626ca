/**
 * The oracle: Go's own `go tool pprof`, run without network or binary lookups
 * (-symbolize=none), with HOME and PPROF_TMPDIR in a temp dir so it works in CI, and its
 * -top text parsed back into numbers.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let binary: string | undefined | null = null;

/** The path of the pprof tool binary (`go tool -n pprof` builds it into the Go cache once). */
function pprofBinary(): string | undefined {
  if (binary !== null) return binary;
  const r = spawnSync('go', ['tool', '-n', 'pprof'], { encoding: 'utf8', timeout: 120_000 });
  const path = r.status === 0 ? r.stdout.trim().split('\n').pop() : undefined;
  binary = path && existsSync(path) ? path : undefined;
  return binary;
}

export function goPprofSkipReason(): string | undefined {
  return pprofBinary() ? undefined : 'go tool pprof is not available (is Go installed?)';
}

const home = mkdtempSync(join(tmpdir(), 'gomemlens-pprof-home-'));
// Every test file that runs pprof imports this module once: its HOME goes when the file's
// process does (pprof may leave its settings and downloads there).
process.on('exit', () => rmSync(home, { recursive: true, force: true }));

/** Runs go tool pprof with args and returns stdout; throws with its stderr on failure. */
export function goPprof(args: string[]): string {
  const r = spawnSync(pprofBinary()!, ['-symbolize=none', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, PPROF_TMPDIR: home },
    timeout: 120_000,
    maxBuffer: 256 << 20,
  });
  if (r.status !== 0) throw new Error(`go tool pprof ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** goPprof without blocking: the option tests run a hundred of them, a few at a time. */
export function goPprofAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      pprofBinary()!,
      ['-symbolize=none', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: home, PPROF_TMPDIR: home }, timeout: 120_000 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`go tool pprof ${args.join(' ')} failed: ${stderr || err.message}`))
          : resolve(stdout),
    );
  });
}

/** Runs tasks with at most `limit` at once, results in order. */
export async function pooled<T>(tasks: (() => Promise<T>)[], limit = 3): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

export interface OracleRow {
  readonly flat: number;
  readonly cum: number;
  readonly name: string;
  readonly inline: string;
}

export interface OracleTop {
  readonly shown: number;
  readonly total: number;
  readonly dropped?: { readonly count: number; readonly cutoff: number };
  readonly rows: OracleRow[];
}

/** "1234B", "-56B", "0", "12" -> number (run pprof with -unit=B so nothing is scaled). */
function value(text: string): number {
  const v = Number(text.replace(/B$/, ''));
  if (!Number.isFinite(v)) throw new Error(`cannot read pprof value "${text}"`);
  return v;
}

const ROW_RE = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s{2}(.*?)(?: \((inline|partial-inline)\))?$/;

export function parseGoTop(text: string): OracleTop {
  const lines = text.split('\n');
  const showing = /Showing nodes accounting for (\S+), \S+ of (\S+) total/.exec(text);
  if (!showing) throw new Error(`no "Showing nodes" line in:\n${text}`);
  const drop = /Dropped (\d+) nodes? \(cum <= (\S+)\)/.exec(text);
  const header = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%$/.test(l));
  const rows = lines
    .slice(header + 1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = ROW_RE.exec(l);
      if (!m) throw new Error(`cannot read pprof row "${l}"`);
      return { flat: value(m[1]), cum: value(m[2]), name: m[3], inline: m[4] ?? '' };
    });
  return {
    shown: value(showing[1]),
    total: value(showing[2]),
    ...(drop ? { dropped: { count: Number(drop[1]), cutoff: value(drop[2]) } } : {}),
    rows,
  };
}
