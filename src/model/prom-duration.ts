/**
 * Durations in Prometheus' syntax (prometheus/common model.ParseDuration): whole numbers with
 * the units y, w, d, h, m, s, ms, largest first ("7d", "1h30m", "90s"). A year is 365 days
 * and a week 7, as Prometheus counts them. Used for --window and written into PromQL range
 * selectors, so what is parsed is exactly what Prometheus reads back.
 */

const UNIT_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 86_400_000],
  ['w', 7 * 86_400_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

const PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds, or undefined when the text is not a Prometheus duration (or is zero). */
export function parsePromDuration(text: string): number | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  let ms = 0;
  UNIT_MS.forEach(([, size], i) => {
    if (m[i + 1] !== undefined) ms += Number(m[i + 1]) * size;
  });
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** A whole number of milliseconds in Prometheus' syntax: 604800000 -> "7d", 5400000 -> "1h30m". */
export function formatPromDuration(ms: number): string {
  let rest = Math.max(1, Math.round(ms));
  let out = '';
  // Weeks and years are left out: "14d" reads better than "2w" next to --window 14d.
  for (const [unit, size] of UNIT_MS.filter(([u]) => u !== 'y' && u !== 'w')) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
