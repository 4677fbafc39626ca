/**
 * Byte counts are plain numbers (exact up to 2^53 = 8 PiB). Kernel counters that mean
 * "unlimited" exceed that (cgroup v1 prints 9223372036854771712, PAGE_COUNTER_MAX rounded to
 * pages), so limits are parsed through parseLimit, which maps them to UNLIMITED explicitly.
 */
export const UNLIMITED = 'unlimited' as const;
export type Limit = number | typeof UNLIMITED;

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

/** Anything at or above 2^62 is treated as "no limit" (v1 default is 2^63 - 4096). */
const UNLIMITED_THRESHOLD = 2n ** 62n;

/** Parses a cgroup limit: "max" (v2), a decimal byte count, or a huge v1 sentinel. */
export function parseLimit(text: string): Limit | undefined {
  const t = text.trim();
  if (t === 'max') return UNLIMITED;
  if (!/^\d+$/.test(t)) return undefined;
  const big = BigInt(t);
  if (big >= UNLIMITED_THRESHOLD) return UNLIMITED;
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) return UNLIMITED;
  return Number(big);
}

/** Formats bytes the way Go and Kubernetes users read them: 512 B, 1.5 KiB, 200 MiB, 1.2 GiB. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const abs = Math.abs(bytes);
  const units: [number, string][] = [
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const v = abs / size;
      const text = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
      const trimmed = text.includes('.') ? text.replace(/\.?0+$/, '') : text;
      return `${sign}${trimmed} ${name}`;
    }
  }
  return `${sign}${abs} B`;
}

export function formatLimit(limit: Limit): string {
  return limit === UNLIMITED ? 'unlimited' : formatBytes(limit);
}

export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return 'n/a';
  return `${((100 * part) / whole).toFixed(1)}%`;
}

/** Parses a duration like "500ms", "1s", "2m", "1h30m" (Go's time.ParseDuration subset). */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const scale: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let total = 0;
  let matched = 0;
  for (const m of text.trim().matchAll(re)) {
    total += Number(m[1]) * scale[m[2]];
    matched += m[0].length;
  }
  return matched > 0 && matched === text.trim().length ? total : undefined;
}

/** Formats milliseconds for people: 850ms, 12.5s, 3m20s, 1h02m. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
