/**
 * Number scaling as benchstat prints it (x/perf benchunit): one prefix and precision per row,
 * chosen from the smallest non-zero magnitude, with binary prefixes for byte units.
 */
import { formatGoFixed } from '../model/gofmt.js';

export interface Scaler {
  readonly prec: number;
  readonly factor: number;
  readonly prefix: string;
}

interface Factor {
  readonly factor: number;
  readonly prefix: string;
  readonly t100: number;
  readonly t10: number;
  readonly t1: number;
}

/** Thresholds sit just below 100, 10 and 1 so that 99.995 rounds to "100.0" not "100.00". */
const SI: Factor[] = ['T', 'G', 'M', 'k', '', 'm', 'µ', 'n'].map((prefix, i) => {
  const exp = 12 - 3 * i;
  return {
    factor: Math.pow(10, exp),
    prefix,
    t100: Number(`99.995e${exp}`),
    t10: Number(`9.9995e${exp}`),
    t1: Number(`.99995e${exp}`),
  };
});

const IEC: Factor[] = ['Ti', 'Gi', 'Mi', 'Ki', ''].map((prefix, i) => {
  const exp = 40 - 10 * i;
  const p = Math.pow(2, exp);
  return { factor: p, prefix, t100: 99.995 * p, t10: 9.9995 * p, t1: 0.99995 * p };
});

const SIGFIGS = [-1, -2, -3, -4, -5, -6, -7, -8].map((e) => Number(`9.9995e${e}`));

export function commonScale(values: readonly number[], binary: boolean): Scaler {
  let min = 0;
  for (const v0 of values) {
    const v = Math.abs(v0);
    if (v !== 0 && (min === 0 || v < min)) min = v;
  }
  if (min === 0) return { prec: 3, factor: 1, prefix: '' };
  const factors = binary ? IEC : SI;
  for (const f of factors) {
    if (min >= f.t100) return { prec: 1, factor: f.factor, prefix: f.prefix };
    if (min >= f.t10) return { prec: 2, factor: f.factor, prefix: f.prefix };
    if (min >= f.t1) return { prec: 3, factor: f.factor, prefix: f.prefix };
  }
  const last = factors[factors.length - 1];
  const val = min / last.factor;
  for (let i = 0; i < SIGFIGS.length; i++) {
    if (val >= SIGFIGS[i] || i === SIGFIGS.length - 1)
      return { prec: i + 3, factor: last.factor, prefix: last.prefix };
  }
  return { prec: 3, factor: 1, prefix: '' };
}

export function formatScaled(s: Scaler, value: number): string {
  return formatGoFixed(value / s.factor, s.prec) + s.prefix;
}

export function scaleOne(value: number, binary: boolean): string {
  return formatScaled(commonScale([value], binary), value);
}
