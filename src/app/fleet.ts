/**
 * `fleet` orchestration: for each Prometheus source (one per cluster, or one Thanos/Mimir that
 * holds many with a cluster label), list the namespaces that have container or Go series, run
 * them in batches a few at a time, and gather the workloads, what could not be read, and the
 * cost of every call (the query plan in docs/fleet.md). A source that cannot be read at all is
 * a line in `missing`; when no source can be read the caller gets an InputError (exit 2).
 */
import { InputError } from '../model/errors.js';
import type { FleetReport, FleetSourceReport, FleetWorkload } from '../model/fleet.js';
import type { RecommendOptions } from '../analysis/fleet/recommend.js';
import type { SettingsIndex } from '../analysis/fleet/manifest-settings.js';
import { stepFor } from '../analysis/fleet/queries.js';
import { PromClient } from '../sources/prometheus-api.js';
import { runBatch, type BatchOutcome, type BatchRun } from './fleet-batch.js';
import { listNamespaces, SourceError, summarize, type SourceOutcome } from './fleet-source.js';

export interface FleetSourceSpec {
  /** The cluster name given as NAME=URL. */
  readonly name?: string;
  /** Without credentials (cli/flags.ts urlFlag keeps them for the requests). */
  readonly url: string;
}

export interface FleetOptions {
  readonly sources: readonly FleetSourceSpec[];
  readonly windowMs: number;
  readonly atMs: number;
  readonly namespaces?: readonly string[];
  readonly clusterLabel: string;
  readonly bearerToken?: string;
  readonly ca?: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Batches in flight at once per source. */
  readonly concurrency: number;
  /** Namespaces per batch. */
  readonly batchSize: number;
  readonly recommend: RecommendOptions;
  /** GOMEMLIMIT and GOGC from manifests, where no series says them. */
  readonly manifests?: SettingsIndex;
  readonly onProgress?: (p: FleetProgress) => void;
}

export interface FleetProgress {
  readonly source: string;
  readonly batchesDone: number;
  readonly batches: number;
  readonly workloads: number;
}

export async function runFleet(o: FleetOptions): Promise<FleetReport> {
  const started = performance.now();
  const stepMs = stepFor(o.windowMs);
  const atSec = Math.floor(o.atMs / 1000);
  const endSec = Math.floor(o.atMs / stepMs) * (stepMs / 1000);
  const acc: Accumulated = {
    workloads: [],
    missing: [],
    absent: [],
    sources: [],
    nonGo: 0,
    readable: 0,
  };
  const times = { atSec, endSec, stepMs };
  for (const spec of o.sources) await readOne(o, spec, times, acc);
  if (acc.readable === 0) throw new InputError(acc.missing[0] ?? 'no Prometheus source given');
  return {
    at: atSec * 1000,
    windowMs: o.windowMs,
    stepMs,
    sources: acc.sources,
    missing: acc.missing,
    absent: acc.absent,
    workloads: acc.workloads.sort(byId),
    nonGoContainers: acc.nonGo,
    elapsedMs: Math.round(performance.now() - started),
  };
}

interface Accumulated {
  readonly workloads: FleetWorkload[];
  readonly missing: string[];
  readonly absent: string[];
  readonly sources: FleetSourceReport[];
  nonGo: number;
  readable: number;
}

/** One source into the accumulated report; a source that cannot be read is a `missing` line. */
interface Times {
  readonly atSec: number;
  readonly endSec: number;
  readonly stepMs: number;
}

async function readOne(
  o: FleetOptions,
  spec: FleetSourceSpec,
  t: Times,
  acc: Accumulated,
): Promise<void> {
  const { bearerToken, ca, timeoutMs, maxBytes } = o;
  const client = new PromClient({ url: spec.url, bearerToken, ca, timeoutMs, maxBytes });
  const label = spec.name ? `${spec.name} (${spec.url})` : spec.url;
  try {
    const out = await readSource(o, client, spec, label, t);
    // With --namespace nothing is listed first: a source that answered no query at all is
    // unreadable, not a report with every number missing.
    if (client.stats.calls > 0 && client.stats.failures === client.stats.calls)
      throw new SourceError(`no query answered: ${out.missing[0] ?? 'no answer'}`);
    acc.readable++;
    acc.workloads.push(...out.workloads);
    acc.nonGo += out.nonGoContainers;
    acc.missing.push(...out.missing.map((m) => `${label}: ${m}`));
    acc.absent.push(...out.absent.map((m) => `${label}: ${m}`));
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    acc.missing.push(`${label}: ${err.message}`);
  } finally {
    client.close();
    acc.sources.push({ ...(spec.name ? { name: spec.name } : {}), url: spec.url, ...client.stats });
  }
}

async function readSource(
  o: FleetOptions,
  client: PromClient,
  spec: FleetSourceSpec,
  label: string,
  t: Times,
): Promise<SourceOutcome> {
  const namespaces = o.namespaces?.length
    ? [...o.namespaces]
    : await listNamespaces(client, t.atSec, o.windowMs);
  const batches = chunk(namespaces, o.batchSize);
  const run: BatchRun = {
    client,
    atSec: t.atSec,
    endSec: t.endSec,
    analyze: {
      sourceName: spec.name,
      clusterLabel: o.clusterLabel,
      windowMs: o.windowMs,
      stepMs: t.stepMs,
      recommend: o.recommend,
      manifests: o.manifests,
    },
  };
  const outcomes: BatchOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const scope = { namespaces: batches[next++] };
      outcomes.push(await runBatch(run, scope));
      const workloads = outcomes.reduce((n, b) => n + b.workloads.length, 0);
      o.onProgress?.({
        source: label,
        batchesDone: outcomes.length,
        batches: batches.length,
        workloads,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  return summarize(outcomes, namespaces.length);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function byId(a: FleetWorkload, b: FleetWorkload): number {
  const ka = [a.id.cluster ?? '', a.id.namespace, a.id.kind, a.id.name, a.id.container].join(
    '\u0000',
  );
  const kb = [b.id.cluster ?? '', b.id.namespace, b.id.kind, b.id.name, b.id.container].join(
    '\u0000',
  );
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
