/**
 * The hostile-input suite's harness: a table of command x input -> expected exit code, one
 * stderr line, and a bound on the child's peak RSS (read from its own /proc/self/status by
 * peak-rss-preload). Exit 3 (internal error) and stack traces always fail a case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';

const BIN = resolve('bin/gomemlens.js');
const PRELOAD = resolve('dist/test/hostile/peak-rss-preload.js');
const MiB = 1 << 20;

export interface HostileCase {
  readonly name: string;
  /** Arguments; the string "{dir}" is replaced by the case's temp directory. */
  readonly args: readonly string[];
  /** Prepares files in the case's temp directory before the run. */
  readonly setup?: (dir: string) => void;
  /** What stdin carries: text, an endless stream of zero bytes, or /dev/zero itself. */
  readonly stdin?: string | Buffer | 'endless-pipe' | 'dev-zero';
  readonly expectCode: 0 | 1 | 2;
  /** Must match the one stderr line (exit 2) or stdout. */
  readonly stderr?: RegExp;
  readonly stdout?: RegExp;
  /** Bound on the child's peak RSS (default 400 MiB: Node's own ~45 MiB plus the input caps). */
  readonly maxRssMiB?: number;
  readonly timeoutMs?: number;
  /** Run as the unprivileged user 65534 (needs root; skipped otherwise). */
  readonly asNobody?: boolean;
  readonly env?: Record<string, string>;
  /** Checks after the run (files left, contents), with the temp directory. */
  readonly after?: (dir: string, r: HostileRun) => void;
  readonly skip?: string;
}

export interface HostileRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssBytes?: number;
  readonly ms: number;
}

export function runHostile(c: HostileCase, dir: string): Promise<HostileRun> {
  const rssFile = join(dir, '.peak-rss');
  const args = c.args.map((a) => a.replaceAll('{dir}', dir));
  const node = [process.execPath, '--import', PRELOAD, BIN, ...args];
  const cmd = c.asNobody
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node]
    : node;
  const stdinFd = c.stdin === 'dev-zero' ? openSync('/dev/zero', 'r') : 'pipe';
  const start = Date.now();
  return new Promise((res, rej) => {
    const child = spawn(cmd[0], cmd.slice(1), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', GOMEMLENS_PEAK_RSS_FILE: rssFile, ...c.env },
      stdio: [stdinFd, 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout = (stdout + d).slice(-1 << 20)));
    child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-1 << 20)));
    feedStdin(child.stdin, c.stdin);
    const limit = c.timeoutMs ?? 60_000;
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    child.on('error', rej);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const peak = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined;
      res({ code, signal, stdout, stderr, peakRssBytes: peak, ms: Date.now() - start });
    });
  });
}

function feedStdin(stdin: NodeJS.WritableStream | null, what: HostileCase['stdin']) {
  if (!stdin) return;
  // The child closing its stdin early (EPIPE) is the outcome these cases want.
  stdin.on('error', () => undefined);
  if (what === 'endless-pipe') {
    const zeros = Buffer.alloc(1 << 16);
    Readable.from(
      (function* () {
        for (;;) yield zeros;
      })(),
    ).pipe(stdin);
  } else stdin.end(what ?? '');
}

/** Registers one node:test test per case. */
export function hostileSuite(title: string, cases: readonly HostileCase[]): void {
  const nobodySkip = process.getuid?.() === 0 ? undefined : 'needs root to switch to user 65534';
  for (const c of cases) {
    const skip = c.skip ?? (c.asNobody ? nobodySkip : undefined);
    test(`${title}: ${c.name}`, { skip }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gomemlens-hostile-'));
      try {
        if (c.asNobody) chmodSync(dir, 0o777);
        c.setup?.(dir);
        const r = await runHostile(c, dir);
        checkRun(c, r);
        c.after?.(dir, r);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

function checkRun(c: HostileCase, r: HostileRun): void {
  const what = `gomemlens ${c.args.join(' ')}\nstdout: ${r.stdout.slice(0, 400)}\nstderr: ${r.stderr.slice(0, 2000)}`;
  assert.notEqual(r.signal, 'SIGKILL', `killed after ${r.ms} ms (hung?)\n${what}`);
  assert.equal(r.code, c.expectCode, what);
  assert.doesNotMatch(r.stderr, /internal error|^\s+at .+:\d+:\d+\)?$/m, what);
  if (c.expectCode === 2) {
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 1, `exactly one stderr line\n${what}`);
  }
  if (c.stderr) assert.match(r.stderr, c.stderr, what);
  if (c.stdout) assert.match(r.stdout, c.stdout, what);
  assert.ok(r.peakRssBytes !== undefined, `no peak RSS recorded: died abnormally\n${what}`);
  const bound = (c.maxRssMiB ?? 400) * MiB;
  assert.ok(
    r.peakRssBytes <= bound,
    `peak RSS ${(r.peakRssBytes / MiB).toFixed(0)} MiB over ${bound / MiB} MiB\n${what}`,
  );
}
