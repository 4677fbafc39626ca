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
  | MalformedGoMemLimit;

export interface MalformedGoMemLimit {
  readonly kind: 'malformed';
  readonly text: string;
  /** Why Go refuses a value that has Go's shape: "a negative count", "a count beyond int64". */
  readonly reason?: string;
  /** For a Kubernetes-style or decimal quantity: what was meant, and its Go spelling. */
  readonly meant?: MeantQuantity;
}

export interface MeantQuantity {
  /** The bytes the quantity means: "480M" -> 480000000, "512Mi" -> 536870912. */
  readonly bytes: number;
  /** In Go's syntax, never above `bytes`: "512Mi" -> "512MiB", "480M" -> "457MiB". */
  readonly hint: string;
  /** True for a decimal unit (k, K, M, G, T, kB, KB, MB, GB, TB): the hint is a conversion. */
  readonly converted: boolean;
}

const INT64_MAX = 2n ** 63n - 1n;

const UNIT_BYTES: Record<string, number> = { '': 1, B: 1, KiB, MiB, GiB, TiB };

export function parseGoMemLimit(text: string): GoMemLimit {
  // readGOMEMLIMIT: an empty value is the same as unset (no limit).
  if (text === 'off' || text === '') return { kind: 'off' };
  const m = /^([+-]?)([0-9]+)((?:[KMGT]i)?B)?$/.exec(text);
  if (!m) return malformed(text, { meant: meantQuantity(text) });
  const count = BigInt(m[2]);
  // ParseInt accepts "-0"; any other negative count is rejected (n < 0).
  if (m[1] === '-' && count !== 0n) return malformed(text, { reason: 'a negative count' });
  // ParseInt fails outside int64 even before the unit is applied.
  if (count > INT64_MAX) return malformed(text, { reason: 'a count beyond int64' });
  const big = count * BigInt(UNIT_BYTES[m[3] ?? '']);
  // Go rejects a count that overflows int64 (parseByteCount returns !ok): malformed.
  if (big > INT64_MAX) return malformed(text, { reason: 'a count beyond int64' });
  return { kind: 'bytes', bytes: Number(big) };
}

function malformed(
  text: string,
  why: { reason?: string; meant?: MeantQuantity },
): MalformedGoMemLimit {
  return { kind: 'malformed', text, ...why };
}

/** Bytes per unit of the quantities people write by mistake (Kubernetes and SI units). */
const QUANTITY_UNIT: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  k: 10n ** 3n,
  K: 10n ** 3n,
  KB: 10n ** 3n,
  kB: 10n ** 3n,
  M: 10n ** 6n,
  MB: 10n ** 6n,
  G: 10n ** 9n,
  GB: 10n ** 9n,
  T: 10n ** 12n,
  TB: 10n ** 12n,
};

/**
 * "512Mi" is an exact relabel ("512MiB"); a decimal unit is CONVERTED, since Go has only binary
 * units (runtime/string.go parseByteCount): "480M" = 480000000 B = 457.8 MiB -> "457MiB",
 * rounded down so the hint never exceeds what was meant.
 */
function meantQuantity(text: string): MeantQuantity | undefined {
  const m = /^([0-9]+)([KMGT]i|[kKMGT]B?)$/.exec(text);
  if (!m) return undefined;
  const bytes = BigInt(m[1]) * QUANTITY_UNIT[m[2]];
  if (bytes > INT64_MAX) return undefined;
  if (m[2].endsWith('i'))
    return { bytes: Number(bytes), hint: `${m[1]}${m[2]}B`, converted: false };
  // Whole MiB below 2^63 are exact doubles, so rounding happens here, in BigInt, and only down.
  const mib = BigInt(MiB);
  const floored = bytes >= mib ? (bytes / mib) * mib : bytes;
  return { bytes: Number(bytes), hint: formatGoMemLimit(Number(floored)), converted: true };
}

/**
 * A suggested GOMEMLIMIT lowered to `capBytes` (the value recommended under the memory limit)
 * when it is above it, so a hint never points above the limit.
 */
export function capGoMemLimit(
  value: string,
  capBytes: number,
): { readonly value: string; readonly capped: boolean } {
  const parsed = parseGoMemLimit(value);
  if (parsed.kind === 'bytes' && parsed.bytes <= capBytes) return { value, capped: false };
  return { value: formatGoMemLimit(capBytes), capped: true };
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
