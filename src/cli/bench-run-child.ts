/**
 * Runs the command of `bench run` and streams its standard output: passed through to ours
 * (pausing the child while ours is full), read line by line for "pkg:" and result lines, and
 * kept only when --out asks for it. Past `maxBytes` the command is stopped (SIGTERM, then
 * SIGKILL) and the run fails: `bench run -- yes` must not fill memory or disk.
 */
import { spawn } from 'node:child_process';
import { GoTestOutputScanner } from '../formats/go-test-output.js';
import { formatBytes } from '../model/units.js';
import { InputError } from '../model/errors.js';
import { hasCode } from '../sources/fs-errors.js';

export interface Finished {
  readonly scan: GoTestOutputScanner;
  /** The output, when asked to keep it. */
  readonly output?: Buffer;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunOptions {
  readonly maxBytes: number;
  readonly keepOutput: boolean;
  readonly onStart: (pid: number) => void;
}

/** How long a stopped command gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

export function runCommand(cmd: readonly string[], opts: RunOptions): Promise<Finished> {
  return new Promise((resolve, reject) => {
    // A process group of its own, so that stopping it reaches the test binaries go test starts.
    const child = spawn(cmd[0], cmd.slice(1), {
      stdio: ['inherit', 'pipe', 'inherit'],
      detached: true,
    });
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch (err) {
        if (!hasCode(err, 'ESRCH')) throw err; // the group is gone
      }
    };
    // Out of the terminal's foreground group, the command would miss Ctrl-C: pass it on.
    const forward = (sig: NodeJS.Signals) => signalGroup(sig);
    const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const scan = new GoTestOutputScanner();
    const chunks: Buffer[] = [];
    let tooMuch = false;
    child.once('error', (err) => reject(new InputError(`cannot run ${cmd[0]}: ${err.message}`)));
    child.once('spawn', () => {
      for (const sig of FORWARDED) process.on(sig, forward);
      opts.onStart(child.pid!);
    });
    const stop = () => {
      tooMuch = true;
      signalGroup('SIGTERM');
      child.stdout.destroy(); // a writer that ignores SIGTERM gets an error writing
      setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS).unref();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (tooMuch) return;
      if (scan.bytes + chunk.length > opts.maxBytes) return stop();
      scan.push(chunk);
      if (opts.keepOutput) chunks.push(chunk);
      if (!process.stdout.write(chunk)) {
        child.stdout.pause();
        process.stdout.once('drain', () => child.stdout.resume());
      }
    });
    child.once('close', (code, signal) => {
      for (const sig of FORWARDED) process.off(sig, forward);
      if (tooMuch) {
        const max = formatBytes(opts.maxBytes);
        reject(
          new InputError(
            `${cmd[0]} printed more than ${max}, more than bench compare reads; stopped it`,
          ),
        );
        return;
      }
      scan.end();
      const output = opts.keepOutput ? Buffer.concat(chunks) : undefined;
      resolve({ scan, output, code, signal });
    });
  });
}
