/**
 * Renders a TopReport laid out like `go tool pprof -top` (internal/report printText and
 * reportLabels), and as JSON with the raw numbers.
 */
import type { TopReport } from '../analysis/profile-top.js';
import { percentage, pickOutputUnit, scaledLabeler } from './pprof-format.js';

export interface TopTextOptions {
  /** pprof -unit: "minimum" (default), or B, kB, MB, GB, TB. */
  readonly unit?: string;
  /** Lines printed before the "Showing nodes" line (File:, Type:, Time:). */
  readonly headerLines?: readonly string[];
}

export function renderTopText(r: TopReport, opts: TopTextOptions = {}): string {
  const sampleUnit = r.sampleType.unit.toLowerCase();
  const unit =
    !opts.unit || opts.unit === 'minimum' ? pickOutputUnit(r.rows, r.total, sampleUnit) : opts.unit;
  const fmt = scaledLabeler(sampleUnit, unit);
  const lines = [...(opts.headerLines ?? []), ...filterLegend(r.filters)];
  lines.push(
    `Showing nodes accounting for ${fmt(r.shown)}, ${percentage(r.shown, r.total).trim()} of ${fmt(r.total)} total`,
  );
  if (r.total !== 0) {
    if (r.droppedNodes > 0) {
      lines.push(
        `Dropped ${r.droppedNodes} node${r.droppedNodes > 1 ? 's' : ''} (cum <= ${fmt(r.dropCutoff)})`,
      );
    }
    if (r.rows.length > 0 && r.rows.length < r.nodesAfterTrim) {
      lines.push(`Showing top ${r.rows.length} nodes out of ${r.nodesAfterTrim}`);
    }
  }
  lines.push(
    `${'flat'.padStart(10)} ${'flat'.padStart(5)}% ${'sum'.padStart(5)}% ${'cum'.padStart(10)} ${'cum'.padStart(5)}%`,
  );
  let sum = 0;
  for (const row of r.rows) {
    sum += row.flat;
    const inl = row.inline ? ` (${row.inline})` : '';
    lines.push(
      `${fmt(row.flat).padStart(10)} ${percentage(row.flat, r.total)} ${percentage(sum, r.total)} ` +
        `${fmt(row.cum).padStart(10)} ${percentage(row.cum, r.total)}  ${row.name}${inl}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** report.legendActiveFilters: "Active filters:" and each filter, cut at 80 characters. */
export function filterLegend(filters: readonly string[]): string[] {
  if (filters.length === 0) return [];
  const cut = (s: string) => ([...s].length > 80 ? [...s].slice(0, 80).join('') + '…' : s);
  return ['Active filters:', ...filters.map((f) => `   ${cut(f)}`)];
}

/** The JSON form: raw numbers (bytes or counts) next to names, plus the percentages as numbers. */
export function topToJson(r: TopReport, extra: Record<string, unknown> = {}): unknown {
  let sum = 0;
  const pct = (v: number) => (r.total !== 0 ? (Math.abs(v) / r.total) * 100 : 0);
  return {
    ...extra,
    sampleType: r.sampleType.type,
    unit: r.sampleType.unit,
    total: r.total,
    shown: r.shown,
    droppedNodes: r.droppedNodes,
    dropCutoff: r.dropCutoff,
    nodesAfterTrim: r.nodesAfterTrim,
    ...(r.filters.length ? { filters: r.filters } : {}),
    ...(r.notes.length ? { warnings: r.notes } : {}),
    rows: r.rows.map((row) => {
      sum += row.flat;
      return {
        name: row.name,
        flat: row.flat,
        flatPct: pct(row.flat),
        sumPct: pct(sum),
        cum: row.cum,
        cumPct: pct(row.cum),
        inline: row.inline || undefined,
      };
    }),
  };
}

/** "File:", "Type:", "Time:" lines as pprof prints them (Time in UTC here, pprof uses local). */
export function profileHeaderLines(
  p: {
    mappings: readonly { file: string; buildId: string }[];
    comments: readonly string[];
    timeNanos: number;
  },
  sampleType: string,
): string[] {
  const lines: string[] = [];
  const main = p.mappings[0];
  if (main?.file) lines.push(`File: ${main.file.slice(main.file.lastIndexOf('/') + 1)}`);
  if (main?.buildId) lines.push(`Build ID: ${main.buildId}`);
  for (const c of p.comments) if (!c.startsWith('#')) lines.push(c);
  lines.push(`Type: ${sampleType}`);
  if (p.timeNanos) {
    const iso = new Date(p.timeNanos / 1e6).toISOString();
    lines.push(`Time: ${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`);
  }
  return lines;
}
