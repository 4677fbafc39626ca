/**
 * The fleet report as columns, built once for every format: each cell has the text people
 * read (MiB, GiB, %) and, for numbers, the exact value to sort by (HTML) or export (CSV).
 */
import type { FleetReport, FleetWorkload } from '../model/fleet.js';
import { formatPromDuration } from '../model/prom-duration.js';
import { formatBytes, formatDuration } from '../model/units.js';
import { sanitize } from './style.js';

export interface Cell {
  readonly text: string;
  /** Exact number (bytes, ratio, count) when the cell is one. */
  readonly value?: number;
}

export interface Column {
  readonly key: string;
  readonly title: string;
  readonly cell: (w: FleetWorkload) => Cell;
}

const none: Cell = { text: '-' };
const bytes = (v: number | undefined): Cell =>
  v === undefined ? none : { text: formatBytes(v), value: v };
const num = (v: number | undefined, text?: string): Cell =>
  v === undefined ? none : { text: text ?? String(v), value: v };
const txt = (s: string | undefined): Cell => (s ? { text: sanitize(s) } : none);

export function gomemlimitCell(w: FleetWorkload): Cell {
  const g = w.measures.gomemlimit;
  if (!g) return { text: 'unknown' };
  if (g.value === 'off') return { text: 'off' };
  const limit = w.measures.limit?.value;
  const ratio = limit ? ` (${Math.round((100 * g.value) / limit)}%)` : '';
  return { text: `${formatBytes(g.value)}${ratio}`, value: g.value };
}

export function verdictCell(w: FleetWorkload): Cell {
  const v = w.verdict;
  const eta = v.atLimit
    ? ' at the limit'
    : v.etaSec !== undefined
      ? ` ~${formatDuration(v.etaSec * 1000)}`
      : '';
  return { text: `${v.kind}${eta}`, value: v.etaSec };
}

function worst(w: FleetWorkload): Cell {
  const f = w.findings;
  if (f.length === 0) return { text: '-', value: 0 };
  const rank = Math.max(
    ...f.map((x) => (x.severity === 'error' ? 3 : x.severity === 'warning' ? 2 : 1)),
  );
  return { text: f.map((x) => x.code).join(' '), value: rank };
}

export const COLUMNS: readonly Column[] = [
  { key: 'cluster', title: 'CLUSTER', cell: (w) => txt(w.id.cluster) },
  { key: 'namespace', title: 'NAMESPACE', cell: (w) => txt(w.id.namespace) },
  { key: 'workload', title: 'WORKLOAD', cell: (w) => txt(`${w.id.kind}/${w.id.name}`) },
  { key: 'container', title: 'CONTAINER', cell: (w) => txt(w.id.container) },
  { key: 'pods', title: 'PODS', cell: (w) => num(w.measures.pods) },
  { key: 'go', title: 'GO', cell: (w) => txt(w.measures.goVersion?.replace(/^go/, '')) },
  { key: 'limit', title: 'LIMIT', cell: (w) => bytes(w.measures.limit?.value) },
  { key: 'request', title: 'REQUEST', cell: (w) => bytes(w.measures.request?.value) },
  { key: 'gomemlimit', title: 'GOMEMLIMIT', cell: gomemlimitCell },
  {
    key: 'gogc',
    title: 'GOGC',
    cell: (w) => num(w.measures.gogc?.value, w.measures.gogc?.value === -1 ? 'off' : undefined),
  },
  { key: 'wsP50', title: 'WS P50', cell: (w) => bytes(w.measures.workingSet.p50) },
  { key: 'wsP99', title: 'WS P99', cell: (w) => bytes(w.measures.workingSet.p99) },
  { key: 'wsMax', title: 'WS MAX', cell: (w) => bytes(w.measures.workingSet.max) },
  { key: 'liveHeap', title: 'LIVE HEAP', cell: (w) => bytes(w.measures.peakLiveHeap?.value) },
  { key: 'nonGo', title: 'NON-GO', cell: (w) => bytes(w.measures.nonGo?.value) },
  {
    key: 'gcCpu',
    title: 'GC CPU',
    cell: (w) =>
      num(
        w.measures.gcCpu?.value,
        w.measures.gcCpu ? `${(100 * w.measures.gcCpu.value).toFixed(1)}%` : undefined,
      ),
  },
  { key: 'oomKills', title: 'OOM', cell: (w) => num(w.measures.oomKills.value) },
  { key: 'verdict', title: 'VERDICT', cell: verdictCell },
  { key: 'findings', title: 'FINDINGS', cell: worst },
  {
    key: 'recLimit',
    title: 'REC LIMIT',
    cell: (w) => bytes(w.recommendation.limitBytes || undefined),
  },
  {
    key: 'recRequest',
    title: 'REC REQUEST',
    cell: (w) => bytes(w.recommendation.requestBytes || undefined),
  },
  {
    key: 'recGomemlimit',
    title: 'REC GOMEMLIMIT',
    cell: (w) => ({
      text: w.recommendation.gomemlimit || '-',
      value: w.recommendation.gomemlimitBytes || undefined,
    }),
  },
  {
    key: 'recGogc',
    title: 'REC GOGC',
    cell: (w) => num(w.recommendation.basis === 'none' ? undefined : w.recommendation.gogc),
  },
  {
    key: 'krr',
    title: 'KRR',
    cell: (w) => (w.krr.limitBytes !== undefined ? bytes(w.krr.limitBytes) : { text: '?' }),
  },
  {
    key: 'vpa',
    title: 'VPA REQUEST',
    cell: (w) => (w.vpa.requestBytes !== undefined ? bytes(w.vpa.requestBytes) : { text: '?' }),
  },
  { key: 'sources', title: 'SOURCES', cell: (w) => ({ text: w.sources.join(' ') }) },
];

/** The columns worth showing: CLUSTER only when some workload has one. */
export function columnsFor(report: FleetReport, keys?: readonly string[]): Column[] {
  const multi = report.workloads.some((w) => w.id.cluster);
  return COLUMNS.filter(
    (c) => (keys ? keys.includes(c.key) : true) && (c.key !== 'cluster' || multi),
  );
}

export function headline(r: FleetReport): string {
  const clusters = new Set(r.workloads.map((w) => w.id.cluster).filter(Boolean)).size;
  return (
    `gomemlens fleet · ${new Date(r.at).toISOString()} · window ${formatPromDuration(r.windowMs)} (step ${formatPromDuration(r.stepMs)}) · ` +
    `${r.workloads.length} Go workload${r.workloads.length === 1 ? '' : 's'}${clusters > 1 ? ` in ${clusters} clusters` : ''} · ` +
    `${r.nonGoContainers} non-Go container${r.nonGoContainers === 1 ? '' : 's'} left out`
  );
}

export function sourceLines(r: FleetReport): string[] {
  return r.sources.map(
    (s) =>
      `${s.name ? `${sanitize(s.name)} ` : ''}${s.url}: ${s.calls} queries, ${formatBytes(s.bytes)} received, ${(s.ms / 1000).toFixed(1)} s spent${s.failures ? `, ${s.failures} failed` : ''}`,
  );
}
