/**
 * The Prometheus text exposition format 0.0.4 (prometheus/docs, content/docs/instrumenting/
 * exposition_formats.md) written from the metric catalog: one "# HELP" and "# TYPE" per family,
 * then its samples. Label values escape \\, \" and \n, HELP text \\ and \n. An empty label value
 * is left out (Prometheus treats it as no label). The text format has no info type: info
 * series are gauges of value 1 whose name ends in _info (client_golang's go_info does the same).
 */
import type { MetricRow, MetricSpec } from '../model/exporter-metrics.js';

export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Families in the order their first row comes; rows of a family in the order given. Rows that
 * share one labels object (a container's series) have their label text built once: the node
 * exporter renders thousands of rows every cycle.
 */
export function renderExposition(rows: Iterable<MetricRow>): string {
  const families = new Map<string, { spec: MetricSpec; lines: string[] }>();
  const labelTexts = new Map<MetricRow['labels'], string>();
  for (const row of rows) {
    let f = families.get(row.spec.name);
    if (!f) families.set(row.spec.name, (f = { spec: row.spec, lines: [] }));
    let labels = labelTexts.get(row.labels);
    if (labels === undefined) labelTexts.set(row.labels, (labels = labelText(row.labels)));
    f.lines.push(`${row.spec.name}${labels} ${formatValue(row.value)}`);
  }
  let out = '';
  for (const { spec, lines } of families.values()) {
    const type = spec.type === 'info' ? 'gauge' : spec.type;
    out += `# HELP ${spec.name} ${escapeHelp(spec.help)}\n# TYPE ${spec.name} ${type}\n`;
    out += lines.join('\n') + '\n';
  }
  return out;
}

function labelText(labels: MetricRow['labels']): string {
  let text = '';
  for (const k in labels) {
    const v = labels[k];
    if (v === undefined || v === '') continue;
    text += `${text ? ',' : ''}${k}="${escapeLabel(v)}"`;
  }
  return text ? `{${text}}` : '';
}

function escapeLabel(v: string): string {
  return /[\\"\n]/.test(v)
    ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : v;
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go's strconv.FormatFloat(v, 'g', -1, 64) spelling for the special values. */
function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
