/**
 * `go tool pprof -diff_base BASE NEW` as a library (internal/driver fetchProfiles): the base
 * samples count negatively, percentages are relative to the base total, and flat/cum per
 * function is NEW minus BASE. With normalize, NEW is first scaled so its total equals the
 * base's (profile.Normalize: ratio = sum(base)/sum(new) per sample type, values rounded).
 */
import type { Profile } from '../model/profile.js';
import {
  resolveSampleIndex,
  SampleIndexError,
  topOfInputs,
  type TopOptions,
  type TopReport,
} from './profile-top.js';

export interface DiffOptions extends TopOptions {
  readonly normalize?: boolean;
}

export function profileDiff(base: Profile, next: Profile, opts: DiffOptions = {}): TopReport {
  checkCompatible(base, next);
  const sampleIndex = resolveSampleIndex(next, opts.sampleIndex);
  const scale = opts.normalize ? normalizeRatio(base, next, sampleIndex) : 1;
  return topOfInputs(
    [
      { profile: next, sampleIndex, sign: 1, scale },
      { profile: base, sampleIndex, sign: -1 },
    ],
    opts,
  );
}

function checkCompatible(base: Profile, next: Profile): void {
  const a = base.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(',');
  const b = next.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(',');
  if (a !== b) throw new SampleIndexError(`incompatible profiles: sample types [${a}] vs [${b}]`);
}

function sumOf(p: Profile, index: number): number {
  const k = p.sampleTypes.length;
  let sum = 0;
  for (let s = 0; s < p.samples.count; s++) sum += p.samples.values[s * k + index];
  return sum;
}

function normalizeRatio(base: Profile, next: Profile, index: number): number {
  const src = sumOf(next, index);
  return src === 0 ? 0 : sumOf(base, index) / src;
}

/** The objects type that goes with a space type (inuse_space -> inuse_objects), if any. */
function companionIndex(p: Profile, index: number): number | undefined {
  const t = p.sampleTypes[index]?.type ?? '';
  const other = t.endsWith('_space')
    ? t.replace(/_space$/, '_objects')
    : t.endsWith('_objects')
      ? t.replace(/_objects$/, '_space')
      : '';
  const i = p.sampleTypes.findIndex((x) => x.type === other);
  return i >= 0 ? i : undefined;
}

/** Per-function flat and cum change of the companion type (objects for space), untrimmed. */
export function companionDiff(
  base: Profile,
  next: Profile,
  index: number,
  opts: DiffOptions,
): Map<string, { flat: number; cum: number }> {
  const other = companionIndex(next, index);
  const out = new Map<string, { flat: number; cum: number }>();
  if (other === undefined) return out;
  const r = profileDiff(base, next, {
    ...opts,
    sampleIndex: String(other),
    nodeFraction: 0,
    nodeCount: 0,
  });
  for (const row of r.rows) out.set(row.name, { flat: row.flat, cum: row.cum });
  return out;
}
