/**
 * Number formatting exactly as google/pprof internal/measurement prints it: Percentage
 * ("%5.2f%%", "%5.2g%%" under 1%, "  100%" near 100) and ScaledLabel ("%.2f" minus a
 * trailing ".00", then the unit: B, kB, MB, GB, TB, PB in powers of 1024). Go's %.Nf comes
 * from model/gofmt.ts (exact ties round to even, as Go does).
 */
import { formatGoFixed } from '../model/gofmt.js';

/** Go's %.2g (shortest of %e/%f with 2 significant digits, trailing zeros removed). */
export function goG2(x: number): string {
  if (x === 0) return '0';
  const exp = Number(x.toExponential(1).split('e')[1]);
  if (exp < -4 || exp >= 2) {
    const m = formatGoFixed(x / 10 ** exp, 1).replace(/\.?0+$/, '');
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return formatGoFixed(x, Math.max(0, 1 - exp))
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** pprof measurement.Percentage. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return `${formatGoFixed(ratio, 2).padStart(5)}%`;
  return `${goG2(ratio).padStart(5)}%`;
}

const MEMORY_UNITS: [string, number][] = [
  ['B', 1],
  ['kB', 2 ** 10],
  ['MB', 2 ** 20],
  ['GB', 2 ** 30],
  ['TB', 2 ** 40],
  ['PB', 2 ** 50],
];

function memoryFactor(unit: string): number | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2) u = u.replace(/s$/, '');
  const aliases: Record<string, number> = {
    b: 1,
    byte: 1,
    kb: 2 ** 10,
    kbyte: 2 ** 10,
    kilobyte: 2 ** 10,
    mb: 2 ** 20,
    mbyte: 2 ** 20,
    megabyte: 2 ** 20,
    gb: 2 ** 30,
    gbyte: 2 ** 30,
    gigabyte: 2 ** 30,
    tb: 2 ** 40,
    tbyte: 2 ** 40,
    terabyte: 2 ** 40,
    pb: 2 ** 50,
    pbyte: 2 ** 50,
    petabyte: 2 ** 50,
  };
  return aliases[u];
}

/** pprof measurement.Scale for the units a memory profile has; `to` may be "minimum"/"auto". */
function scaleValue(value: number, from: string, to: string): [number, string] {
  const f = memoryFactor(from);
  if (f === undefined)
    return [value, ['count', 'sample', 'unit', 'minimum', 'auto'].includes(to) ? '' : to];
  const bytes = Math.abs(value) * f;
  const sign = value < 0 ? -1 : 1;
  if (to === 'minimum' || to === 'auto') {
    let best: [string, number] = ['B', 1];
    for (const u of MEMORY_UNITS) if (bytes / u[1] >= 1) best = u;
    return [(sign * bytes) / best[1], best[0]];
  }
  const t = memoryFactor(to);
  const unit = MEMORY_UNITS.find((u) => u[1] === (t ?? 1))!;
  return [(sign * bytes) / unit[1], unit[0]];
}

/** pprof measurement.ScaledLabel. */
export function scaledLabel(value: number, from: string, to: string): string {
  const [v, u] = scaleValue(value, from, to);
  const s = formatGoFixed(v, 2).replace(/\.00$/, '');
  if (s === '0' || s === '-0') return '0';
  return s + u;
}

/** pprof report.selectOutputUnit for -unit=minimum (the default): from the smallest value. */
export function pickOutputUnit(
  rows: readonly { flat: number; cum: number }[],
  total: number,
  unit: string,
): string {
  let min = 0;
  for (const r of rows) {
    let v = Math.abs(r.flat);
    if (v === 0) v = Math.abs(r.cum);
    if (v > 0 && (min === 0 || v < min)) min = v;
  }
  if (min === 0) min = total;
  const [, minUnit] = scaleValue(min, unit, 'minimum');
  const [, maxUnit] = scaleValue(total, unit, 'minimum');
  let out = minUnit;
  if (minUnit !== maxUnit && min * 100 < total) [, out] = scaleValue(100 * min, unit, 'minimum');
  return out !== '' ? out : unit;
}
