/**
 * Number formatting exactly as google/pprof internal/measurement prints it: Percentage
 * ("%5.2f%%", "%5.2g%%" under 1%, "  100%" near 100) and ScaledLabel ("%.2f" minus a
 * trailing ".00", then the unit of measurement.Scale, model/pprof-units.ts). Go's %.Nf comes
 * from model/gofmt.ts (exact ties round to even, as Go does).
 */
import { formatGoFixed } from '../model/gofmt.js';
import { measurementScaler, scaleMeasurement } from '../model/pprof-units.js';

/** Go's %.2g (shortest of %e/%f with 2 significant digits, trailing zeros removed). */
export function goG2(x: number): string {
  if (x === 0) return '0';
  const e = x.toExponential(1);
  const exp = Number(e.slice(e.indexOf('e') + 1));
  if (exp < -4 || exp >= 2) {
    const m = trimZeros(formatGoFixed(x / 10 ** exp, 1));
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return trimZeros(formatGoFixed(x, Math.max(0, 1 - exp)));
}

/** "0.50" -> "0.5", "2.0" -> "2", "10" -> "10" (%g drops trailing zeros after the point). */
function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 0x30) end--;
  if (s.charCodeAt(end - 1) === 0x2e) end--;
  return s.slice(0, end);
}

/** pprof measurement.Percentage. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return `${formatGoFixed(ratio, 2).padStart(5)}%`;
  return `${goG2(ratio).padStart(5)}%`;
}

/** pprof measurement.ScaledLabel. */
export function scaledLabel(value: number, from: string, to: string): string {
  return label(scaleMeasurement(value, from, to));
}

/** scaledLabel for many values in the same units. */
export function scaledLabeler(from: string, to: string): (value: number) => string {
  const scale = measurementScaler(from, to);
  return (value) => label(scale(value));
}

function label([v, u]: [number, string]): string {
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
  const [, minUnit] = scaleMeasurement(min, unit, 'minimum');
  const [, maxUnit] = scaleMeasurement(total, unit, 'minimum');
  let out = minUnit;
  if (minUnit !== maxUnit && min * 100 < total)
    [, out] = scaleMeasurement(100 * min, unit, 'minimum');
  return out !== '' ? out : unit;
}
