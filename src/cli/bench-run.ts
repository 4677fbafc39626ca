/**
 * `gomemlens bench run [--out FILE] -- go test -bench . -benchmem ./...`: runs the command,
 * passes its output through (and saves it), samples the memory of its process tree, and
 * appends each package's peak RSS as an extra metric (see analysis/bench/peak-rss.ts).
 */
import { attributePeaks, formatPeakLines } from '../analysis/bench/peak-rss.js';
import { formatBytes } from '../model/units.js';
import { hostFs } from '../sources/hostfs.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { MAX_INPUT_BYTES } from '../app/bench-inputs.js';
import { runCommand, type Finished } from './bench-run-child.js';
import { openTreeCgroup } from './bench-run-cgroup.js';
import { TreeSampler, type TreePeaks } from '../sources/process-tree-sampler.js';
import { InputError, UsageError } from '../model/errors.js';
import { durationFlag, parseFlags } from './flags.js';

const HELP = `Usage: gomemlens bench run [--out FILE] [--interval 50ms] -- COMMAND [ARGS...]

Runs COMMAND (e.g. go test -run '^$' -bench . -benchmem -count 10 ./...), shows its output,
and samples the memory of its whole process tree from /proc. Each test binary's peak RSS
(VmHWM, the kernel's high-water mark) is recorded per package as one more benchmark metric:
  pkg: example.com/x
  BenchmarkPeakRSS 1 <bytes> peak-RSS-B
so that bench compare (and benchstat) show it, and --fail-on peak-RSS-B:+10% gates on it.

Flags:
  --out FILE        save the output plus the peak-RSS lines to FILE, once the command
                    succeeded (default: print the peak-RSS lines)
  --interval DUR    sampling interval (default 50ms)
  --cgroup          also run COMMAND in a new child memory cgroup (root, cgroup v1 or v2 with
                    the memory controller) and report the kernel's peak for the whole tree
A command that prints more than ${formatBytes(MAX_INPUT_BYTES)} (what bench compare reads) is stopped.
Exit codes: 0 ok, 2 when the command fails, cannot start, prints too much or prints no
benchmark results.`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  interval: { type: 'string' },
  cgroup: { type: 'boolean' },
} as const;

function commandOf(argv: string[], dash: number, positionals: string[]): string[] {
  const cmd = dash < 0 ? positionals : argv.slice(dash + 1);
  if (cmd.length === 0)
    throw new UsageError(
      'give the command after --, e.g. bench run -- go test -bench . -benchmem ./...',
    );
  return cmd;
}

/** A run that failed, printed nothing to compare: one line, and no --out file. */
function checkFinished(cmd: readonly string[], done: Finished): void {
  if (done.code !== 0)
    throw new InputError(`${cmd[0]} exited with ${done.signal ?? `code ${done.code}`}`);
  if (done.scan.results === 0) throw new InputError(`${cmd[0]} printed no benchmark results`);
}

function reportPeaks(
  perPackage: ReturnType<typeof attributePeaks>,
  peaks: TreePeaks | undefined,
  cgroupPeak: number | undefined,
  interval: number,
): void {
  for (const p of perPackage)
    console.error(`peak RSS ${p.pkg}: ${formatBytes(p.peakRss)} (pid ${p.pid}, VmHWM)`);
  if (cgroupPeak !== undefined)
    console.error(
      `peak memory of the process tree: ${formatBytes(cgroupPeak)} (cgroup peak, page cache included)`,
    );
  if (peaks)
    console.error(
      `peak RSS of the process tree: ${formatBytes(peaks.treePeakRss)} (sum of VmRSS, ${peaks.samples} samples every ${interval} ms)`,
    );
}

export async function run(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const { values, positionals, help } = parseFlags(
    dash < 0 ? argv : argv.slice(0, dash),
    OPTIONS,
    HELP,
  );
  if (help) return 0;
  const cmd = commandOf(argv, dash, positionals);
  const interval = durationFlag('interval', values.interval) ?? 50;
  const cgroup = values.cgroup ? openTreeCgroup() : undefined;
  let sampler: TreeSampler | undefined;
  let done: Finished;
  let cgroupPeak: number | undefined;
  let peaks: TreePeaks | undefined;
  try {
    done = await runCommand(cgroup ? cgroup.wrap(cmd) : cmd, {
      maxBytes: MAX_INPUT_BYTES,
      keepOutput: values.out !== undefined,
      onStart: (pid) => {
        sampler = new TreeSampler(hostFs('/'), pid, interval);
        sampler.start();
      },
    });
    cgroupPeak = cgroup?.peak();
  } finally {
    await cgroup?.remove();
    peaks = await sampler?.stop(); // also when the command was stopped: the timer must end
  }
  checkFinished(cmd, done);
  const perPackage = peaks ? attributePeaks(done.scan.packages, peaks.processes) : [];
  const extra = formatPeakLines(perPackage);
  if (values.out)
    await writeFileAtomic(values.out, Buffer.concat([done.output!, Buffer.from(extra)]));
  else process.stdout.write(extra);
  reportPeaks(perPackage, peaks, cgroupPeak, interval);
  return 0;
}
