/**
 * Axis ticks that read like memory: byte axes step by a power of two (64, 128, 192, 256 MiB,
 * never "191 MiB, 381 MiB"), other axes by 1, 2 or 5 times a power of ten; every axis gets at
 * least `minTicks` ticks (4 by default) and, as the step only halves, at most about twice that.
 */

/** Multiples of the largest power-of-two step that gives at least minTicks ticks in [min, max]. */
export function byteTicks(min: number, max: number, minTicks = 4): number[] {
  if (!(max > min)) return [min];
  for (let k = Math.ceil(Math.log2(max - min)); k >= -10; k--) {
    const ticks = multiples(min, max, 2 ** k);
    if (ticks.length >= minTicks) return ticks;
  }
  return [min, (min + max) / 2, max];
}

/** Multiples of 1, 2 or 5 x 10^k: the largest step that gives at least minTicks ticks. */
export function niceTicks(min: number, max: number, minTicks = 4): number[] {
  if (!(max > min)) return [min];
  const top = Math.ceil(Math.log10(max - min));
  for (let k = top; k >= top - 12; k--) {
    for (const m of [5, 2, 1]) {
      const ticks = multiples(min, max, m * 10 ** k);
      if (ticks.length >= minTicks) return ticks;
    }
  }
  return [min, (min + max) / 2, max];
}

/** The upper end of a byte axis from 0: the data's top rounded up to its step. */
export function byteAxisMax(dataMax: number): number {
  if (!(dataMax > 0)) return 1 << 20;
  const ticks = byteTicks(0, dataMax * 1.05, 3);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : dataMax;
  return Math.ceil((dataMax * 1.05) / step) * step;
}

function multiples(min: number, max: number, step: number): number[] {
  const out: number[] = [];
  // Rounded so that 0.1 + 0.2 style error does not drop the last tick.
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step)
    out.push(Number((Math.round(v / step) * step).toPrecision(12)) + 0); // + 0: no -0
  return out;
}
