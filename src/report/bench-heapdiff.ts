/** `bench heapdiff` output: totals per sample type, verdicts, and the sites that grew. */
import type { HeapTotal, HeapVerdict } from '../analysis/bench/heapgate.js';
import { formatBytes } from '../model/units.js';
import { formatChange } from './bench-gate.js';

const amount = (v: number, unit: string) => (unit === 'bytes' ? formatBytes(v) : `${v} ${unit}`);
const signed = (v: number, unit: string) => (v > 0 ? '+' : '') + amount(v, unit);

export function describeHeapVerdict(v: HeapVerdict): string {
  const t = v.total;
  const top = v.grew[0]
    ? `; largest growth: ${v.grew[0].name} ${signed(v.grew[0].flat, t.unit)}`
    : '';
  return `${t.type}: ${amount(t.base, t.unit)} -> ${amount(t.new, t.unit)} (${formatChange(t.changePct)}) exceeds ${v.threshold.text}${top}`;
}

export function renderHeapdiffText(
  baseName: string,
  newName: string,
  totals: readonly HeapTotal[],
  verdicts: readonly HeapVerdict[],
): string {
  const lines = [`heap profiles: ${baseName} -> ${newName}`];
  const w = Math.max(...totals.map((t) => t.type.length));
  for (const t of totals) {
    lines.push(
      `  ${t.type.padEnd(w)}  ${amount(t.base, t.unit).padStart(12)} -> ${amount(t.new, t.unit).padStart(12)}  ${formatChange(t.changePct)}`,
    );
  }
  for (const v of verdicts) {
    lines.push(
      '',
      `${v.regression ? 'REGRESSION' : 'ok'} ${v.threshold.text}: ${v.total.type} ${formatChange(v.total.changePct)}`,
    );
    if (v.grew.length > 0)
      lines.push(
        `  sites that ${v.threshold.direction > 0 ? 'grew' : 'shrank'} most (${v.total.type}, NEW - BASE, flat / cum):`,
      );
    for (const s of v.grew)
      lines.push(
        `    ${signed(s.flat, v.total.unit).padStart(14)} ${signed(s.cum, v.total.unit).padStart(14)}  ${s.name}`,
      );
  }
  const n = verdicts.filter((v) => v.regression).length;
  if (verdicts.length > 0)
    lines.push(
      '',
      n === 0
        ? `gate: no regression in ${verdicts.length} check(s)`
        : `gate: ${n} regression(s) in ${verdicts.length} check(s)`,
    );
  return lines.join('\n') + '\n';
}

export function renderHeapdiffJson(
  baseName: string,
  newName: string,
  totals: readonly HeapTotal[],
  verdicts: readonly HeapVerdict[],
): string {
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return (
    JSON.stringify(
      {
        base: baseName,
        new: newName,
        totals: totals.map((t) => ({ ...t, changePct: num(t.changePct) })),
        gate: {
          passed: verdicts.every((v) => !v.regression),
          verdicts: verdicts.map((v) => ({
            threshold: v.threshold.text,
            type: v.total.type,
            changePct: num(v.total.changePct),
            regression: v.regression,
            grew: v.grew,
          })),
        },
      },
      null,
      2,
    ) + '\n'
  );
}
