/**
 * One batch of namespaces against one Prometheus: the four instant queries (one per family of
 * series), the range queries, and the restart timelines of pods that were OOM-killed; then the
 * pure analysis. A query that Prometheus refuses for its size (the answer cap, too many samples,
 * a query timeout) is retried on halves of the batch, down to one namespace and then to ranges
 * of pod names; anything else that fails is a line in `missing` and the batch goes on without it.
 */
import type { PromSeries } from '../formats/prom-api.js';
import {
  analyzeBatch,
  readInstant,
  readRestarts,
  restartTargets,
  type AnalyzeOptions,
  type Batch,
  type BatchResult,
} from '../analysis/fleet/analyze.js';
import {
  instantQueries,
  rangeQueries,
  restartQuery,
  type BatchScope,
  type Family,
} from '../analysis/fleet/queries.js';
import type { PromClient, PromResult } from '../sources/prometheus-api.js';

export interface BatchRun {
  readonly client: PromClient;
  /** Instant queries are evaluated at the asked time... */
  readonly atSec: number;
  /** ...range queries end at it aligned down to the step, so their points fall on the grid. */
  readonly endSec: number;
  readonly analyze: AnalyzeOptions;
}

export interface BatchOutcome extends BatchResult {
  readonly missing: string[];
  readonly families: Set<Family>;
}

const FAMILY_NAME: Record<Family, string> = {
  cadvisor: 'cAdvisor',
  ksm: 'kube-state-metrics',
  go: 'client_golang',
  gomemlens: 'gomemlens exporter',
};

/** Pod name ranges (DNS-1123 names start with [a-z0-9]) for a namespace too big for one query. */
const POD_RANGES = ['0-9a-f', 'g-l', 'm-r', 's-z'];

export class TooLarge extends Error {}

export async function runBatch(run: BatchRun, scope: BatchScope): Promise<BatchOutcome> {
  try {
    return await runOnce(run, scope);
  } catch (err) {
    if (!(err instanceof TooLarge)) throw err;
    const parts = split(scope);
    if (!parts) return failed(scope, err.message);
    const outcomes = [];
    for (const part of parts) outcomes.push(await runBatch(run, part));
    return merge(outcomes);
  }
}

function split(scope: BatchScope): BatchScope[] | undefined {
  const ns = scope.namespaces;
  if (ns.length > 1) {
    const half = Math.ceil(ns.length / 2);
    return [{ namespaces: ns.slice(0, half) }, { namespaces: ns.slice(half) }];
  }
  if (scope.podRange) return undefined;
  return POD_RANGES.map((podRange) => ({ namespaces: ns, podRange }));
}

async function runOnce(run: BatchRun, scope: BatchScope): Promise<BatchOutcome> {
  const missing: string[] = [];
  const { found, families } = await readFamilies(run, scope, missing);
  const batch = readInstant(found, run.analyze);
  await readRanges(run, scope, batch, missing);
  await readRestartTimelines(run, batch, missing);
  const result = analyzeBatch(batch, run.analyze);
  return { ...result, missing: [...missing, ...result.notes], families };
}

/** The four instant queries, one per family of series, at the asked time. */
async function readFamilies(run: BatchRun, scope: BatchScope, missing: string[]) {
  const o = run.analyze;
  const instant = instantQueries(scope, o.windowMs, o.stepMs);
  const answers = await Promise.all(instant.map((q) => run.client.query(q.expr, run.atSec)));
  const found: Partial<Record<Family, PromSeries[]>> = {};
  const families = new Set<Family>();
  answers.forEach((a, i) => {
    const f = instant[i].family;
    const what = `${FAMILY_NAME[f]} series (${instant[i].stats.join(', ')}) for ${describe(scope)}`;
    const value = take(a, what, missing);
    if (value) found[f] = value;
    if (value?.length) families.add(f);
  });
  return { found, families };
}

/** Restarts and the OOMKilled reason over time, for the pods that may have been OOM-killed. */
async function readRestartTimelines(run: BatchRun, batch: Batch, missing: string[]): Promise<void> {
  const o = run.analyze;
  for (const [namespace, pods] of restartTargets(batch)) {
    const q = restartQuery(namespace, pods);
    const start = run.endSec - o.windowMs / 1000;
    const a = await run.client.queryRange(q.expr, start, run.endSec, o.stepMs / 1000);
    const series = take(a, `restart timelines of ${pods.length} pod(s) in ${namespace}`, missing);
    if (series) readRestarts(batch, series);
  }
}

async function readRanges(
  run: BatchRun,
  scope: BatchScope,
  batch: Batch,
  missing: string[],
): Promise<void> {
  const { client, endSec, analyze: o } = run;
  const start = endSec - o.windowMs / 1000;
  const day = 86_400;
  const queries = rangeQueries(scope);
  const answers = await Promise.all(
    queries.map((q) =>
      q.daily
        ? client.queryRange(q.expr, Math.min(endSec, start + day), endSec, day)
        : client.queryRange(q.expr, start, endSec, o.stepMs / 1000),
    ),
  );
  answers.forEach((a, i) => {
    const name = queries[i].name;
    const series = take(a, `${name} series over time for ${describe(scope)}`, missing);
    if (series && name !== 'restarts') batch.table.addRange(name, series);
  });
}

/** The answer's series; a size refusal throws TooLarge (the batch splits), others are noted. */
function take(a: PromResult<PromSeries[]>, what: string, missing: string[]) {
  if (a.ok) {
    for (const w of a.warnings) missing.push(`${what}: Prometheus warned: ${w}`);
    return a.value;
  }
  if (
    a.kind === 'too-large' ||
    /too many samples|timed out|query processing would load/i.test(a.reason)
  )
    throw new TooLarge(`${what}: ${a.reason}`);
  missing.push(`${what}: ${a.reason}`);
  return undefined;
}

export function describe(scope: BatchScope): string {
  const ns = scope.namespaces;
  const list =
    ns.length <= 3 ? ns.join(', ') : `${ns.slice(0, 3).join(', ')} and ${ns.length - 3} more`;
  const pods = scope.podRange ? ` (pods [${scope.podRange}]*)` : '';
  return `namespace${ns.length === 1 ? '' : 's'} ${list}${pods}`;
}

function failed(scope: BatchScope, reason: string): BatchOutcome {
  return {
    workloads: [],
    nonGoContainers: 0,
    notes: [],
    missing: [`${describe(scope)}: left out, too large even split: ${reason}`],
    families: new Set(),
  };
}

function merge(outcomes: readonly BatchOutcome[]): BatchOutcome {
  return {
    workloads: outcomes.flatMap((o) => o.workloads),
    nonGoContainers: outcomes.reduce((n, o) => n + o.nonGoContainers, 0),
    notes: outcomes.flatMap((o) => o.notes),
    missing: outcomes.flatMap((o) => o.missing),
    families: new Set(outcomes.flatMap((o) => [...o.families])),
  };
}
