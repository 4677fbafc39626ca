/**
 * A tracer (bpftrace, strace) run as a child process, read line by line, and always ended:
 * stop() interrupts it (SIGINT: bpftrace runs its END probe, strace detaches from the target)
 * and kills it if it has not exited after a grace period; a tracer still running when this
 * process exits is killed, and where util-linux's setpriv is installed the tracer is started
 * with --pdeathsig KILL, so even a SIGKILL of gomemlens leaves no tracer behind
 * (prctl(2) PR_SET_PDEATHSIG). Lines longer than maxLineBytes are cut, so memory stays bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface TracerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** It did not stop when asked and was killed. */
  readonly killed: boolean;
}

export interface TracerOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly onStdout: (line: string) => void;
  readonly onStderr: (line: string) => void;
  readonly maxLineBytes?: number;
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface Tracer {
  readonly pid: number | undefined;
  readonly exited: Promise<TracerExit>;
  /** The last few lines it wrote to stderr (for an error message). */
  stderrTail(): readonly string[];
  /** SIGINT, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs: number): Promise<TracerExit>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftovers(): void {
  for (const child of live) child.kill('SIGKILL');
}

/** An executable on PATH (or the path given), or undefined. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = name.includes('/') ? [name] : path.split(delimiter).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}

export function startTracer(o: TracerOptions): Tracer {
  if (!exitHookInstalled) {
    process.once('exit', killLeftovers);
    exitHookInstalled = true;
  }
  const setpriv = findExecutable('setpriv');
  const [cmd, args] = setpriv
    ? [setpriv, ['--pdeathsig', 'KILL', '--', o.command, ...o.args]]
    : [o.command, [...o.args]];
  const child = spawn(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...o.env },
  });
  live.add(child);
  const tail: string[] = [];
  let killed = false;
  splitLines(child.stdout!, o.maxLineBytes, o.onStdout);
  splitLines(child.stderr!, o.maxLineBytes, (line) => {
    if (tail.push(line) > 5) tail.shift();
    o.onStderr(line);
  });
  const exited = new Promise<TracerExit>((res) => {
    // 'close' comes after the last output line; 'error' when it could not be started at all.
    child.on('close', (code, signal) => {
      live.delete(child);
      res({ code, signal, killed });
    });
    child.on('error', (err) => {
      tail.push(err.message);
      live.delete(child);
      res({ code: null, signal: null, killed });
    });
  });
  return {
    pid: child.pid,
    exited,
    stderrTail: () => tail,
    async stop(graceMs) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        const timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
}

function splitLines(
  stream: NodeJS.ReadableStream,
  maxLineBytes = 64 * 1024,
  onLine: (line: string) => void,
): void {
  let buf = '';
  let skipping = false;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      if (!skipping) onLine(buf + chunk.slice(start, nl));
      buf = '';
      skipping = false;
      start = nl + 1;
    }
    if (skipping) return;
    buf += chunk.slice(start);
    if (buf.length > maxLineBytes) {
      onLine(buf.slice(0, maxLineBytes));
      buf = '';
      skipping = true;
    }
  });
  stream.on('end', () => {
    if (buf !== '' && !skipping) onLine(buf);
  });
}
