/**
 * `gomemlens diagnose`: one look at a live Go process from three sides at once, reconciled into
 * one breakdown with findings. Wires sources -> analysis -> a renderer; no logic of its own.
 */
import { analyzeSnapshot } from '../analysis/diagnose.js';
import { reaches } from '../model/finding.js';
import type { Snapshot, Target } from '../model/snapshot.js';
import { renderDiagnoseMarkdown } from '../report/diagnose-markdown.js';
import { renderDiagnoseText } from '../report/diagnose-text.js';
import { lastSnapshotIn } from '../app/capture.js';
import { liveSnapshot, loadSnapshot } from '../app/diagnose-input.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { UsageError } from '../model/errors.js';
import { durationFlag, intFlag, parseFlags, severityFlag, urlFlag } from './flags.js';
import { useColor } from './tty.js';

const HELP = `gomemlens diagnose --pid N [--url URL] [--cgroup PATH] [flags]

One look at a live Go process from three sides: its cgroup (limit, usage, working set,
events), /proc (RSS, smaps_rollup, GO* environment, the Go version in the binary) and the
Go runtime over HTTP (/debug/vars, /debug/pprof/heap, /metrics), reconciled into one
breakdown from the container limit down to the live heap, with findings.

Targets (at least one):
  --pid N              the process (its cgroup, /proc and binary; its HTTP endpoints are
                       found on its listening ports unless --url is given)
  --url URL            base URL of the Go runtime's endpoints, e.g. http://127.0.0.1:6060;
                       credentials in it (user:pass@) are sent, never printed or stored
  --cgroup PATH        a cgroup directory, e.g. /sys/fs/cgroup/kubepods/pod1/ctr
  --snapshot FILE      diagnose a snapshot saved earlier with --save-snapshot (- for stdin)
  --capture FILE       diagnose the last snapshot in a capture written by gomemlens watch

Flags:
  --format FMT         text (default), json or markdown
  --json               same as --format json (schema: docs/diagnose-json.md)
  --fail-on SEVERITY   exit 1 when a finding is at least error|warning|info
  --timeout DURATION   per-endpoint HTTP timeout (default 5s, at most 24h)
  --no-discover        do not look for endpoints on the process's listening ports
  --root DIR           read /proc and /sys under DIR (a host mounted elsewhere)
  --save-snapshot FILE also write the raw snapshot as JSON

Exit codes: 0 ok, 1 a finding reached --fail-on, 2 usage or input error.`;

const OPTIONS = {
  pid: { type: 'string' },
  url: { type: 'string' },
  cgroup: { type: 'string' },
  snapshot: { type: 'string' },
  capture: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'fail-on': { type: 'string' },
  timeout: { type: 'string' },
  'no-discover': { type: 'boolean' },
  root: { type: 'string' },
  'save-snapshot': { type: 'string' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!['text', 'json', 'markdown'].includes(format)) {
    throw new UsageError(`--format wants text, json or markdown, got "${format}"`);
  }
  const failOn = severityFlag('fail-on', values['fail-on']);
  const snapshot = values.snapshot
    ? await loadSnapshot(values.snapshot)
    : values.capture
      ? await lastSnapshotIn(values.capture)
      : await collect(values, durationFlag('timeout', values.timeout) ?? 5000);
  if (values['save-snapshot']) {
    await writeFileAtomic(values['save-snapshot'], JSON.stringify(snapshot, null, 2) + '\n');
  }
  const report = analyzeSnapshot(snapshot);
  if (format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'markdown') process.stdout.write(renderDiagnoseMarkdown(report));
  else process.stdout.write(renderDiagnoseText(report, { color: useColor(process.stdout) }));
  return failOn && report.findings.some((f) => reaches(f.severity, failOn)) ? 1 : 0;
}

function collect(
  values: { pid?: string; url?: string; cgroup?: string; root?: string; 'no-discover'?: boolean },
  timeoutMs: number,
): Promise<Snapshot> {
  const target: Target = {
    pid: intFlag('pid', values.pid),
    url: values.url !== undefined ? urlFlag(values.url) : undefined,
    cgroupDir: values.cgroup,
  };
  if (target.pid === undefined && target.url === undefined && target.cgroupDir === undefined) {
    throw new UsageError(
      'give a target: --pid N, --url URL, --cgroup PATH, --snapshot FILE or --capture FILE',
    );
  }
  return liveSnapshot(target, { root: values.root, timeoutMs, discover: !values['no-discover'] });
}
