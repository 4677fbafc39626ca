/**
 * What every diagnose renderer shows, computed once from the report: the heading facts, the
 * settings table, the breakdown rows (flattened tree) and the findings with their words.
 */
import type { BreakdownLine } from '../analysis/breakdown.js';
import type { DiagnoseReport } from '../analysis/diagnose.js';
import type { Finding, Severity } from '../model/finding.js';
import { valueOf } from '../model/observation.js';
import { formatBytes, formatPercent } from '../model/units.js';
import { describeFinding } from './messages/index.js';
import { sanitize } from './style.js';

export interface BreakdownRow {
  readonly depth: number;
  /** For tree drawing: is this the last child at each depth along the path? */
  readonly lastAtDepth: readonly boolean[];
  readonly label: string;
  readonly bytes: string;
  readonly share: string;
  readonly source: string;
  readonly note?: string;
}

export interface FindingView {
  readonly code: string;
  readonly severity: Severity;
  readonly title: string;
  readonly summary: string;
  readonly fix: string;
  readonly evidence: readonly string[];
  readonly docs: string;
}

export function headline(r: DiagnoseReport): string {
  const s = r.snapshot;
  const parts = ['gomemlens diagnose'];
  if (s.target.pid !== undefined) {
    const name = valueOf(s.process?.status)?.name;
    parts.push(`pid ${s.target.pid}${name ? ` (${sanitize(name)})` : ''}`);
  }
  if (r.settings.goVersion) parts.push(r.settings.goVersion.value);
  parts.push(s.takenAt);
  return parts.join(' · ');
}

export function targetLines(r: DiagnoseReport): string[] {
  const s = r.snapshot;
  const out: string[] = [];
  const cg = valueOf(s.cgroup);
  if (cg) out.push(`cgroup   ${sanitize(cg.path)} (v${cg.version}) at ${sanitize(cg.dir)}`);
  if (s.runtime) {
    const eps = s.runtime.endpoints.map((e) => `${e.path} ${e.outcome}`).join(', ');
    out.push(`runtime  ${sanitize(s.runtime.baseUrl)}${eps ? `: ${eps}` : ''}`);
  }
  return out;
}

export function settingsRows(r: DiagnoseReport): [string, string, string][] {
  const st = r.settings;
  const gml = st.gomemlimit;
  const gmlText =
    gml.bytes === null
      ? gml.env?.parsed.kind === 'malformed'
        ? `${gml.env.raw} (malformed: Go refuses to start)`
        : 'none'
      : `${gml.env?.raw ?? formatBytes(gml.bytes)} (${gml.bytes} bytes)`;
  const rows: [string, string, string][] = [
    ['GOMEMLIMIT', gmlText, gml.source],
    ['GOGC', st.gogc.percent === null ? 'off' : String(st.gogc.percent), st.gogc.source],
    ['GOTRACEBACK', st.gotraceback.value, st.gotraceback.source],
  ];
  if (st.gomaxprocs) rows.push(['GOMAXPROCS', String(st.gomaxprocs.value), st.gomaxprocs.source]);
  const gc = st.garbageCollector;
  if (gc) rows.push(['garbage collector', GC_NAMES[gc.value], gc.source]);
  for (const [k, v] of Object.entries(st.godebug)) {
    const fromEnv = !v.source.startsWith('build setting');
    if (fromEnv || MEMORY_GODEBUG.has(k)) rows.push([`GODEBUG ${k}`, v.value, v.source]);
  }
  return rows.map(([a, b, c]) => [a, sanitize(b), shortSource(r, c)]);
}

/**
 * Sources are full paths and URLs in JSON; for people, the cgroup directory and the runtime's
 * base URL (printed once in the heading) are left out: "memory.stat total_inactive_file".
 */
function shortSource(r: DiagnoseReport, source: string): string {
  const dir = valueOf(r.snapshot.cgroup)?.dir;
  const base = r.snapshot.runtime?.baseUrl;
  let out = source;
  if (dir) out = out.split(`${dir}/`).join('');
  if (base) out = out.split(base).join('');
  // "/debug/vars memstats.A + /debug/vars memstats.B" -> "/debug/vars memstats.A + B"
  out = out.replace(/ ([+-]) (\/debug\/vars|\S*heap\?debug=1) memstats\./g, ' $1 ');
  return sanitize(out);
}

const GC_NAMES = { greentea: 'green tea', classic: 'classic' } as const;

/** GODEBUG settings that bear on memory; other build defaults are noise here. */
const MEMORY_GODEBUG = new Set([
  'madvdontneed',
  'gcstoptheworld',
  'gctrace',
  'scavtrace',
  'disablethp',
  'harddecommit',
  'decoratemappings',
  'gcshrinkstackoff',
  'clobberfree',
  'allocfreetrace',
]);

export function breakdownRows(r: DiagnoseReport): BreakdownRow[] {
  const root = r.breakdown.root;
  const whole = root.bytes ?? undefined;
  const rows: BreakdownRow[] = [];
  const visit = (l: BreakdownLine, depth: number, lastAtDepth: boolean[]) => {
    const split = splitLabel(l.label);
    const label = split.label;
    // An explanation that only repeats the source ("HeapIdle - HeapReleased") is dropped.
    const detail =
      split.detail && !shortSource(r, l.source).includes(split.detail) ? split.detail : undefined;
    rows.push({
      depth,
      lastAtDepth,
      label,
      bytes: l.bytes === null ? '-' : reference(l, formatBytes(l.bytes)),
      share: l.bytes !== null && whole ? reference(l, formatPercent(l.bytes, whole)) : '',
      source: shortSource(r, l.source),
      note: [detail, l.note, l.exceedsParent].filter(Boolean).join('; ') || undefined,
    });
    l.children.forEach((c, i) =>
      visit(c, depth + 1, [...lastAtDepth, i === l.children.length - 1]),
    );
  };
  visit(root, 0, []);
  return rows;
}

/**
 * Keeps the label column narrow: a long label's explanation ("working set (usage - inactive_file,
 * as cAdvisor computes it)", "heap goal: the next GC starts ...") moves to the note line.
 */
function splitLabel(text: string): { label: string; detail?: string } {
  if (text.length <= 40) return { label: text };
  const paren = text.indexOf(' (');
  if (paren > 0 && text.endsWith(')') && text.indexOf(')') === text.length - 1) {
    return { label: text.slice(0, paren), detail: text.slice(paren + 2, -1) };
  }
  const colon = text.indexOf(': ');
  if (colon > 0) return { label: text.slice(0, colon), detail: text.slice(colon + 2) };
  return { label: text };
}

/** A reference line (a goal, a total, an overlap) is not a part of its parent: in parentheses. */
function reference(l: BreakdownLine, text: string): string {
  return l.relation === 'reference' && l.id !== 'limit' ? `(${text})` : text;
}

export function findingViews(r: DiagnoseReport): FindingView[] {
  return r.findings.map((f) => findingView(r, f));
}

function findingView(r: DiagnoseReport, f: Finding): FindingView {
  const words = describeFinding(f);
  return {
    code: f.code,
    severity: f.severity,
    ...words,
    evidence: f.evidence.map(
      (e) => `${e.what}: ${evidenceValue(e.value, e.unit)} (${shortSource(r, e.source)})`,
    ),
    docs: `docs/rules/${f.code}.md`,
  };
}

function evidenceValue(v: string | number | boolean, unit?: string): string {
  if (typeof v !== 'number') return sanitize(String(v));
  if (unit === 'bytes') return `${formatBytes(v)} (${v} B)`;
  if (unit === 'bytes/s') return `${formatBytes(v)}/s`;
  if (unit === 'percent') return `${v.toFixed(1)}%`;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'ns') return `${(v / 1e6).toFixed(2)} ms`;
  if (unit === 'seconds') return `${v.toFixed(3)} s`;
  return String(v);
}

export function countBySeverity(r: DiagnoseReport): string {
  const n = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return [plural(n('error'), 'error'), plural(n('warning'), 'warning'), `${n('info')} info`].join(
    ', ',
  );
}

/**
 * The report's missing-data lines, sorted for people: files that the cgroup version does not
 * have and endpoints the service does not serve are expected, so they get one short line each
 * instead of looking like failures.
 */
export function missingGroups(r: DiagnoseReport): { expected: string[]; missing: string[] } {
  const v1Files: string[] = [];
  const notServed: string[] = [];
  const missing: string[] = [];
  for (const line of r.missing) {
    const v1 = /\/([\w.]+) not found \(cgroup v1 has no /.exec(line);
    const endpoint = /^(\/\S+): not-found/.exec(line);
    if (v1) v1Files.push(v1[1]);
    else if (endpoint) notServed.push(endpoint[1]);
    else missing.push(shortSource(r, line));
  }
  const expected: string[] = [];
  if (v1Files.length) expected.push(`cgroup v1 has no ${v1Files.join(', ')} (cgroup v2 files)`);
  if (notServed.length)
    expected.push(`not served by the target (HTTP 404): ${notServed.join(', ')}`);
  return { expected, missing };
}
