/** Runs `gomemlens serve` from dist and waits for the URL it prints. */
import { spawn } from 'node:child_process';

export interface RunningServe {
  readonly url: string;
  readonly pid: number;
  stderr(): string;
  /** SIGTERM (serve stops watching and closes), then SIGKILL after 5 s. */
  stop(): Promise<number | null>;
}

export function startServe(args: string[], timeoutMs = 15_000): Promise<RunningServe> {
  const child = spawn(process.execPath, ['dist/src/cli/main.js', 'serve', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      void stop();
      rej(new Error(`serve did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /gomemlens serve: (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        res({ url: m[1], pid: child.pid!, stderr: () => err, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code} before serving: ${err}`));
    });
  });
}
