/**
 * `gomemlens bench heapdiff BASE.pprof NEW.pprof --fail-on inuse_space:+10%`: gate on heap
 * profiles (go test -memprofile), with the pprof engine naming the sites that grew.
 */
import { parseThreshold, type Threshold } from '../analysis/bench/gate.js';
import { evaluateHeapGate, heapTotals } from '../analysis/bench/heapgate.js';
import {
  describeHeapVerdict,
  renderHeapdiffJson,
  renderHeapdiffText,
} from '../report/bench-heapdiff.js';
import { UsageError } from '../model/errors.js';
import { intFlag, parseFlags } from './flags.js';
import { loadProfile } from './pprof-input.js';

const HELP = `Usage: gomemlens bench heapdiff BASE.pprof NEW.pprof [--fail-on TYPE:+N%]... [flags]

Compares two heap profiles (e.g. written by go test -memprofile, or /debug/pprof/heap) by
the totals of each sample type, and lists the functions whose allocations grew most
(NEW minus BASE, as go tool pprof -diff_base). One profile per side is a single
measurement: totals are compared exactly, without a significance test.

Flags:
  --fail-on TYPE:+N%   fail (exit 1) when TYPE grew by more than N%; repeatable.
                       TYPE: inuse_space, inuse_objects, alloc_space, alloc_objects
  --sites N            sites listed per check (default 10)
  --json               JSON output
  --max-size SIZE      largest profile accepted, read and inflated (default 64MiB: a
                       go test -memprofile is far smaller, and memory stays bounded)

When GITHUB_ACTIONS=true, regressions are also printed as ::error:: annotations.
Exit codes: 0 no regression, 1 regression, 2 usage or input error.`;

const DEFAULT_MAX_SIZE = '64MiB';

const OPTIONS = {
  'fail-on': { type: 'string', multiple: true },
  sites: { type: 'string' },
  json: { type: 'boolean' },
  'max-size': { type: 'string' },
} as const;

function thresholds(texts: string[] | undefined): Threshold[] {
  return (texts ?? []).map((t) => {
    const th = parseThreshold(t);
    if ('error' in th) throw new UsageError(th.error.replace('METRIC', 'TYPE'));
    return th;
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 2)
    throw new UsageError('heapdiff wants BASE and NEW profiles (see --help)');
  const ths = thresholds(v['fail-on']);
  const [base, next] = await Promise.all(
    positionals.map((s) => loadProfile(s, { 'max-size': v['max-size'] ?? DEFAULT_MAX_SIZE })),
  );
  const verdicts = evaluateHeapGate(base, next, ths, intFlag('sites', v.sites) ?? 10);
  const totals = heapTotals(base, next);
  const [b, n] = positionals;
  process.stdout.write(
    v.json
      ? renderHeapdiffJson(b, n, totals, verdicts)
      : renderHeapdiffText(b, n, totals, verdicts),
  );
  const failed = verdicts.filter((x) => x.regression);
  if (process.env.GITHUB_ACTIONS === 'true') {
    for (const x of failed)
      process.stdout.write(
        `::error title=heap profile regression ${x.total.type}::${describeHeapVerdict(x).replace(/%/g, '%25')}\n`,
      );
  }
  return failed.length > 0 ? 1 : 0;
}
