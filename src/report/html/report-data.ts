/**
 * The report document, built once from a capture: downsampled chart columns, the full
 * snapshots for the breakdown at a chosen moment (report/html/moment-view.ts), findings with
 * their words, the heap profiles to parse in the
 * page, and the post-mortem. Everything here is data; the page escapes every string it shows.
 */
import type { PostMortem } from '../../analysis/postmortem.js';
import type { Capture, ProfileRecord, SnapshotRecord } from '../../formats/capture.js';
import type { Finding } from '../../model/finding.js';
import { FIELDS } from '../../model/series.js';
import { evenlySpaced } from '../../analysis/trend.js';
import { describeFinding } from '../messages/index.js';
import { downsample, type Columns } from './downsample.js';
import { gcColumns, eventColumns, forecastColumns } from './report-columns.js';
import { buildVerdict, type Verdict } from './verdict.js';
import { chartMarks, type ChartMark } from './chart-marks.js';
import { TREND_CODES, trendEvidence } from '../../analysis/series-rules/growth.js';
import { whatIf, type WhatIf } from './what-if.js';
import { gcCycleCharts, type GcCycleCharts } from './gc-cycles.js';
import { reportGcTraces, type ReportGcTrace } from './trace-view.js';

export interface ReportFinding {
  readonly t: number;
  readonly finding: Finding;
  readonly title: string;
  readonly summary: string;
  readonly fix: string;
}

export interface ReportProfile {
  readonly t: number;
  readonly kind: string;
  readonly reason: string;
  readonly data: string;
}

export interface ReportData {
  readonly version: 1;
  readonly target: Capture['header']['target'];
  readonly startedAt: number;
  readonly endedAt?: number;
  readonly sampleCount: number;
  readonly memory: Columns;
  readonly gc: Columns;
  readonly events: Columns;
  readonly forecast: Columns;
  /** Triggers and the kill, marked on every chart's time axis. */
  readonly marks: readonly ChartMark[];
  /** The summary at the top of the page. */
  readonly verdict: Verdict;
  readonly findings: readonly ReportFinding[];
  readonly profiles: readonly ReportProfile[];
  /** Execution traces taken on triggers, read: what the GC did in those seconds. */
  readonly gcTraces: readonly ReportGcTrace[];
  /** Full snapshots (at start, with every profile and trigger): the breakdown at a chosen moment. */
  readonly snapshots: readonly SnapshotRecord[];
  readonly postMortem?: PostMortem & { readonly words?: { title: string; summary: string } };
  /** Per GC cycle, from the capture's gctrace lines (report/html/gc-cycles.ts), when it has any. */
  readonly gcCycles?: GcCycleCharts;
  /** Predictions of other GOGC and GOMEMLIMIT settings (report/html/what-if.ts). */
  readonly whatIf: WhatIf;
  readonly notes: readonly string[];
}

export interface ReportOptions {
  /** Points per chart series before min/max bucketing kicks in (default 1000 buckets). */
  readonly buckets?: number;
  /** Heap profiles embedded at most (first, last and trigger ones are kept first). */
  readonly maxProfiles?: number;
  readonly maxSnapshots?: number;
}

const MEMORY_FIELDS = [
  'limit',
  'high',
  'usage',
  'workingSet',
  'rss',
  'heapInuse',
  'nextGC',
  'gomemlimit',
  'live',
] as const;

export function buildReportData(
  c: Capture,
  pm: PostMortem | undefined,
  o: ReportOptions = {},
): ReportData {
  const buckets = o.buckets ?? 1000;
  const s = c.samples.filter((x) => x.proc || x.go || x.cgroup?.usage !== undefined);
  const times = s.map((x) => x.t);
  const columns = Object.fromEntries(MEMORY_FIELDS.map((k) => [k, s.map(FIELDS[k])]));
  const profiles = reportProfiles(c.profiles, o.maxProfiles);
  const notes = [...c.notes];
  const heapCount = c.profiles.filter((p) => p.kind === 'heap').length;
  const heapShown = profiles.filter((p) => p.kind === 'heap').length;
  if (heapShown < heapCount)
    notes.push(
      `${heapCount - heapShown} of ${heapCount} heap profiles left out of the report to keep it small`,
    );
  const found = findings(c, pm);
  return {
    version: 1,
    target: c.header.target,
    startedAt: c.header.startedAt,
    endedAt: c.end?.t ?? pm?.endedAt,
    sampleCount: s.length,
    memory: downsample(times, columns, buckets),
    gc: gcColumns(s, buckets),
    events: eventColumns(s, buckets),
    forecast: forecastColumns(c.forecasts, buckets),
    marks: chartMarks(c, pm),
    verdict: buildVerdict(c, pm, found),
    findings: found,
    profiles,
    gcTraces: reportGcTraces(c.profiles),
    snapshots: evenlySpaced(c.snapshots.length, o.maxSnapshots ?? 120).map((i) => c.snapshots[i]),
    postMortem: pm && { ...pm, words: pm.finding && describeFinding(pm.finding) },
    gcCycles: gcCycleCharts(c, buckets),
    whatIf: whatIf(c, 'this capture'),
    notes,
  };
}

function findings(c: Capture, pm: PostMortem | undefined): ReportFinding[] {
  const all = c.findings.map((f) => ({ t: f.t, finding: f.finding }));
  if (pm?.finding && pm.endedAt !== undefined) all.push({ t: pm.endedAt, finding: pm.finding });
  return all.map(({ t, finding }) => ({ t, finding: named(finding), ...describeFinding(finding) }));
}

/** Trend findings recorded by an earlier version carry raw arg names: named from the args again. */
function named(f: Finding): Finding {
  return TREND_CODES.has(f.code) ? { ...f, evidence: trendEvidence(f.args) } : f;
}

/** Every profile the report embeds: heap profiles (pickProfiles), then the last goroutine ones. */
export function reportProfiles(all: readonly ProfileRecord[], maxHeaps?: number): ReportProfile[] {
  return [...pickProfiles(all, maxHeaps), ...pickGoroutines(all)];
}

/** Heap profiles to embed: first, last, trigger ones, then evenly spaced cadence ones. */
export function pickProfiles(all: readonly ProfileRecord[], max = 40): ReportProfile[] {
  const heaps = all.filter((p) => p.kind === 'heap');
  return pickHeapIndices(heaps, max).map((i) => toReport(heaps[i]));
}

/** Indexes of the heap profiles kept (sorted): first, last, trigger ones, then evenly spaced. */
export function pickHeapIndices(heaps: readonly ProfileRecord[], max: number): number[] {
  if (heaps.length <= max) return heaps.map((_, i) => i);
  const keep = new Set<number>([0, heaps.length - 1]);
  heaps.forEach(
    (p, i) => p.reason !== 'cadence' && p.reason !== 'first' && keep.size < max / 2 && keep.add(i),
  );
  for (const i of evenlySpaced(heaps.length, max - keep.size)) if (keep.size < max) keep.add(i);
  return [...keep].sort((a, b) => a - b);
}

/** Goroutine profiles are taken on triggers only; the last few tell what was running at the end. */
function pickGoroutines(all: readonly ProfileRecord[], max = 8): ReportProfile[] {
  return all
    .filter((p) => p.kind === 'goroutine')
    .slice(-max)
    .map(toReport);
}

function toReport(p: ProfileRecord): ReportProfile {
  return { t: p.t, kind: p.kind, reason: p.reason, data: p.data };
}
