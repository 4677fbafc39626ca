/**
 * Runs the Go scenario programs from testdata/go, built once into dist/go by
 * scripts/build-go.mjs (npm test does it). A scenario that serves HTTP prints
 * "listening on http://HOST:PORT"; start() waits for that line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const GO_BIN_DIR = resolve('dist/go');

export function scenarioPath(name: string): string {
  return resolve(GO_BIN_DIR, name);
}

/** Why Go scenario tests cannot run here, or undefined when they can. */
export function goSkipReason(name = 'leaky'): string | undefined {
  return existsSync(scenarioPath(name))
    ? undefined
    : `Go scenario ${name} not built (is Go installed? run node scripts/build-go.mjs)`;
}

export interface RunningScenario {
  readonly child: ChildProcess;
  readonly pid: number;
  /** "http://127.0.0.1:PORT" when the scenario serves HTTP. */
  readonly url?: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code or signal when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly args?: string[];
  readonly env?: Record<string, string>;
  /** Wait for the "listening on" line (default true). */
  readonly waitForUrl?: boolean;
  readonly timeoutMs?: number;
  /**
   * Start inside this cgroup directory from the first instruction (a shell joins the group,
   * then execs the program), so all its memory is charged there as in a real container.
   */
  readonly cgroupDir?: string;
}

export function startScenario(name: string, opts: StartOptions = {}): Promise<RunningScenario> {
  return startProgram(scenarioPath(name), opts);
}

/** The same for any program that prints "listening on http://HOST:PORT" (or waitForUrl: false). */
export async function startProgram(
  program: string,
  opts: StartOptions = {},
): Promise<RunningScenario> {
  const [cmd, args] = opts.cgroupDir
    ? [
        'sh',
        [
          '-c',
          'echo $$ > "$0/cgroup.procs" && exec "$@"',
          opts.cgroupDir,
          program,
          ...(opts.args ?? []),
        ],
      ]
    : [program, opts.args ?? []];
  const child = spawn(cmd, args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  const url =
    opts.waitForUrl === false
      ? undefined
      : await waitForUrl(child, exited, opts.timeoutMs ?? 10_000, () => err);
  return {
    child,
    pid: child.pid!,
    url,
    stderr: () => err,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function waitForUrl(
  child: ChildProcess,
  exited: Promise<unknown>,
  timeoutMs: number,
  stderr: () => string,
): Promise<string> {
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(
      () => rej(new Error(`scenario did not start in ${timeoutMs} ms: ${stderr()}`)),
      timeoutMs,
    );
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      rej(new Error(`scenario exited before listening: ${stderr()}`));
    });
  });
}
