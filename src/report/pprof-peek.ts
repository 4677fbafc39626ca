/**
 * Renders a PeekReport laid out like `go tool pprof -peek` (internal/report printTree): per
 * matching node, its callers above and its callees below, each edge's weight and its share
 * of the node's cum.
 */
import type { PeekReport } from '../analysis/profile-peek.js';
import { percentage, pickOutputUnit, scaledLabeler } from './pprof-format.js';
import { filterLegend, type TopTextOptions } from './pprof-top.js';

const SEPARATOR = '----------------------------------------------------------+-------------';
// pprof's legend ends in tab-separated padding, kept byte for byte.
const LEGEND = '      flat  flat%   sum%        cum   cum%   calls calls% + context \t \t ';

export function renderPeekText(r: PeekReport, opts: TopTextOptions = {}): string {
  const sampleUnit = r.sampleType.unit.toLowerCase();
  const unit =
    !opts.unit || opts.unit === 'minimum'
      ? pickOutputUnit(r.values, r.total, sampleUnit)
      : opts.unit;
  const fmt = scaledLabeler(sampleUnit, unit);
  const lines = [...(opts.headerLines ?? []), ...filterLegend(r.filters)];
  lines.push(
    `Showing nodes accounting for ${fmt(r.shown)}, ${percentage(r.shown, r.total).trim()} of ${fmt(r.total)} total`,
    SEPARATOR,
    LEGEND,
  );
  let sum = 0;
  for (const n of r.nodes) {
    lines.push(SEPARATOR);
    const edge = (e: { name: string; weight: number; inline: boolean }) =>
      `${fmt(e.weight).padStart(50)} ${percentage(e.weight, n.cum)} |   ${e.name}${e.inline ? ' (inline)' : ''}`;
    lines.push(...n.callers.map(edge));
    sum += n.flat;
    lines.push(
      `${fmt(n.flat).padStart(10)} ${percentage(n.flat, r.total)} ${percentage(sum, r.total)} ` +
        `${fmt(n.cum).padStart(10)} ${percentage(n.cum, r.total)}                | ${n.name}`,
    );
    lines.push(...n.callees.map(edge));
  }
  if (r.values.length > 0) lines.push(SEPARATOR);
  return lines.join('\n') + '\n';
}
