/**
 * GOMEMLIMIT syntax exactly as the Go runtime accepts it (runtime/mgcpacer.go readGOMEMLIMIT
 * and runtime/string.go parseByteCount, Go 1.19+): "" or "off" mean no limit; otherwise an
 * int64 count with an optional unit B, KiB, MiB, GiB, TiB. The count goes through
 * strconv.ParseInt, so a leading sign is read ("+5", "-0") and negative counts are rejected.
 * Kubernetes-style quantities ("512Mi", "512M", "512MB") are rejected by Go, which then exits
 * at start-up with "malformed GOMEMLIMIT".
 */
import { GiB, KiB, MiB, TiB } from './units.js';

export type GoMemLimit =
  | { readonly kind: 'off' }
  | { readonly kind: 'bytes'; readonly bytes: number }
  | { readonly kind: 'malformed'; readonly text: string; readonly hint?: string };

const UNIT_BYTES: Record<string, number> = { '': 1, B: 1, KiB, MiB, GiB, TiB };

export function parseGoMemLimit(text: string): GoMemLimit {
  // readGOMEMLIMIT: an empty value is the same as unset (no limit).
  if (text === 'off' || text === '') return { kind: 'off' };
  const m = /^([+-]?)([0-9]+)((?:[KMGT]i)?B)?$/.exec(text);
  if (!m) return { kind: 'malformed', text, hint: kubernetesHint(text) };
  const count = BigInt(m[2]);
  // ParseInt accepts "-0"; any other negative count is rejected (n < 0).
  if (m[1] === '-' && count !== 0n) return { kind: 'malformed', text, hint: 'negative' };
  // ParseInt fails outside int64 even before the unit is applied.
  if (count > 2n ** 63n - 1n) return { kind: 'malformed', text, hint: 'exceeds the int64 range' };
  const big = count * BigInt(UNIT_BYTES[m[3] ?? '']);
  // Go rejects a count that overflows int64 (parseByteCount returns !ok): malformed.
  if (big > 2n ** 63n - 1n) return { kind: 'malformed', text, hint: 'exceeds the int64 range' };
  return { kind: 'bytes', bytes: Number(big) };
}

/** "512Mi" -> "512MiB"; "512M"/"512MB" -> a hint naming the Go spelling. */
function kubernetesHint(text: string): string | undefined {
  const m = /^([0-9]+)(Ki|Mi|Gi|Ti|K|M|G|T|KB|MB|GB|TB|k)$/.exec(text);
  if (!m) return undefined;
  const unit = m[2];
  if (unit.endsWith('i')) return `${m[1]}${unit}B`;
  return `${m[1]}${unit[0].toUpperCase()}iB (Go has only binary units)`;
}

/**
 * Formats a byte count in Go's syntax for a recommendation: the largest exact unit, otherwise
 * rounded DOWN to whole MiB (never above what was asked): 483183820 -> "460MiB".
 */
export function formatGoMemLimit(bytes: number): string {
  const floorBytes = Math.max(0, Math.floor(bytes));
  for (const [size, unit] of [
    [GiB, 'GiB'],
    [MiB, 'MiB'],
  ] as const) {
    if (floorBytes >= size && floorBytes % size === 0) return `${floorBytes / size}${unit}`;
  }
  if (floorBytes >= MiB) return `${Math.floor(floorBytes / MiB)}MiB`;
  return `${floorBytes}B`;
}
