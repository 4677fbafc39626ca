/**
 * `gomemlens fleet`: a cluster's (or many clusters') Go workloads from Prometheus: what is in
 * force, what was measured over the window, the OOM verdict, findings, and a joint
 * recommendation of limit, request, GOMEMLIMIT and GOGC beside KRR's and the VPA's (docs/fleet.md).
 */
import { runFleet, type FleetProgress } from '../app/fleet.js';
import { loadManifestSettings } from '../app/fleet-manifests.js';
import { reaches } from '../model/finding.js';
import { renderFleetCsv, renderFleetJson, renderFleetMarkdown } from '../report/fleet-formats.js';
import { renderFleetHtml } from '../report/fleet-html.js';
import { planPatches } from '../report/fleet-patches.js';
import { renderFleetText } from '../report/fleet-text.js';
import type { FleetReport } from '../model/fleet.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { UsageError } from '../model/errors.js';
import { parseFlags, severityFlag } from './flags.js';
import * as f from './fleet-options.js';
import { useColor } from './tty.js';

const HELP = `Usage: gomemlens fleet --prometheus URL|NAME=URL [--prometheus ...] [flags]

Reads a cluster's Go memory from Prometheus (Thanos Query, Mimir and VictoriaMetrics speak the
same API): cAdvisor, kube-state-metrics, client_golang's go_* series and the gomemlens
exporter's series where they exist. Per Go workload (replicas folded): settings, working set,
live heap, non-Go memory, OOM kills, GC CPU, the forecast verdict, findings, and limit,
request, GOMEMLIMIT and GOGC recommended together, beside what KRR and the VPA would set.

Flags:
  --prometheus URL          the API's base URL; NAME=URL names a cluster (repeatable, one
                            report with a cluster column); user:pass@ in it is sent, never printed
  --window D                how far back to look (default 7d; 1h to 90d)
  --namespace N             only these namespaces (repeatable; default: all with series)
  --at TIME                 evaluate at this time (RFC 3339 or Unix seconds; default now)
  --format F                text (default), json, markdown, csv or html
  --json                    same as --format json
  -o, --out FILE            write the report to FILE (atomically) instead of stdout
  --emit-patches DIR        write one kubectl strategic merge patch per workload into DIR
  --bearer-token-file F     send "Authorization: Bearer <contents of F>"
  --ca-file F               trust these PEM certificates for https
  --cluster-label L         the label that names clusters in federated series (default cluster)
  --timeout D               per query (default 60s)
  --concurrency N           batches of namespaces in flight (default 2)
  --batch N                 namespaces per batch (default 25)
  --gc-cpu-budget P         the GC's share of CPU that GOGC is sized for (default 10%)
  --fail-on S               exit 1 when a finding is at or above S: error, warning, info
  --manifests PATH          workload manifests (files, directories, - for stdin; repeatable):
                            GOMEMLIMIT and GOGC from their env where no series says them
  --quiet                   no progress lines on stderr

Exit codes: 0 done (a partial result says what was not read), 1 findings at --fail-on,
2 usage error or no Prometheus could be read (one line on stderr).`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, f.FLEET_FLAGS, HELP);
  if (help) return 0;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = f.formatFlag(values.format, values.json);
  const failOn = severityFlag('fail-on', values['fail-on']);
  const options = {
    sources: f.sourcesFlag(values.prometheus),
    windowMs: f.windowFlag(values.window),
    atMs: f.atFlag(values.at, Date.now()),
    namespaces: values.namespace,
    clusterLabel: values['cluster-label'] ?? 'cluster',
    timeoutMs: f.timeoutFlag(values.timeout),
    maxBytes: 16 << 20,
    concurrency: f.countFlag('concurrency', values.concurrency, 2, 16),
    batchSize: f.countFlag('batch', values.batch, 25, 1000),
    recommend: { gcCpuBudget: f.budgetFlag(values['gc-cpu-budget']) },
    bearerToken: await f.smallFile(values['bearer-token-file'], 'bearer token'),
    ca: await f.smallFile(values['ca-file'], 'CA bundle'),
    onProgress: values.quiet ? undefined : progress(),
  };
  if (values['emit-patches']) await f.patchDir(values['emit-patches']);
  const manifests = values.manifests ? await loadManifestSettings(values.manifests) : undefined;
  for (const note of manifests?.notes ?? []) console.error(`note: ${note}`);
  const report = await runFleet({ ...options, manifests: manifests?.index });
  const text = render(format, report, values.out === undefined && useColor(process.stdout));
  if (values.out) await writeFileAtomic(values.out, text);
  else process.stdout.write(text);
  if (values['emit-patches']) await emitPatches(values['emit-patches'], report);
  if (report.missing.length && !values.quiet)
    console.error(
      `gomemlens fleet: partial result: ${report.missing.length} thing(s) not read (listed in the report)`,
    );
  return failOn && report.workloads.some((w) => w.findings.some((x) => reaches(x.severity, failOn)))
    ? 1
    : 0;
}

function render(format: f.FleetFormat, r: FleetReport, color: boolean): string {
  if (format === 'json') return renderFleetJson(r);
  if (format === 'markdown') return renderFleetMarkdown(r);
  if (format === 'csv') return renderFleetCsv(r);
  if (format === 'html') return renderFleetHtml(r);
  return renderFleetText(r, color);
}

async function emitPatches(dir: string, r: FleetReport): Promise<void> {
  const plan = planPatches(r);
  for (const file of plan.files) await writeFileAtomic(`${dir}/${file.name}`, file.text);
  for (const s of plan.skipped) console.error(`patch skipped: ${s}`);
  console.error(`wrote ${plan.files.length} patch file(s) to ${dir}`);
}

/** A line at most every 2 s (a terminal or a log), and the last batch of each source. */
function progress(): (p: FleetProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 2000 && p.batchesDone !== p.batches) return;
    last = now;
    console.error(
      `fleet: ${p.source}: ${p.batchesDone}/${p.batches} batches, ${p.workloads} Go workloads`,
    );
  };
}
