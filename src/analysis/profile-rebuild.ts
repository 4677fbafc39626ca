/**
 * A Profile with edited location lines and a subset of its samples, their stacks edited:
 * what pprof's filters leave of a profile (profile-filter.ts). Tables the edits do not touch
 * (strings, functions, mappings, the rest of each location) are shared with the original.
 */
import type { LocationTable, Profile, SampleTable } from '../model/profile.js';

/** One sample's stack (location indexes, leaf first), edited in place by a filter. */
export class StackEdit {
  private readonly locs: number[] = [];

  get length(): number {
    return this.locs.length;
  }

  at(i: number): number {
    return this.locs[i];
  }

  removeWhere(drop: (loc: number) => boolean): void {
    let k = 0;
    for (const loc of this.locs) if (!drop(loc)) this.locs[k++] = loc;
    this.locs.length = k;
  }

  truncate(n: number): void {
    this.locs.length = n;
  }

  load(stack: ArrayLike<number>, from: number, to: number): void {
    this.locs.length = 0;
    for (let i = from; i < to; i++) this.locs.push(stack[i]);
  }

  values(): readonly number[] {
    return this.locs;
  }
}

/**
 * lines[l] replaces location l's line indexes (innermost first) when given; keep(s, stack)
 * edits sample s's stack and says whether the sample stays.
 */
export function rebuildProfile(
  p: Profile,
  lines: readonly (readonly number[] | undefined)[],
  keep: (s: number, stack: StackEdit) => boolean,
): Profile {
  return { ...p, locations: editLines(p.locations, lines), samples: keepSamples(p, keep) };
}

function editLines(loc: LocationTable, lines: readonly (readonly number[] | undefined)[]) {
  if (!lines.some((x) => x !== undefined)) return loc;
  const lineStart = new Uint32Array(loc.count + 1);
  const picked: number[] = [];
  for (let l = 0; l < loc.count; l++) {
    lineStart[l] = picked.length;
    const own = lines[l];
    if (own) picked.push(...own);
    else for (let j = loc.lineStart[l]; j < loc.lineStart[l + 1]; j++) picked.push(j);
  }
  lineStart[loc.count] = picked.length;
  const pick = <T extends Int32Array | Float64Array>(a: T, out: T): T => {
    picked.forEach((j, i) => (out[i] = a[j]));
    return out;
  };
  return {
    ...loc,
    lineStart,
    lineFunction: pick(loc.lineFunction, new Int32Array(picked.length)),
    lineNumber: pick(loc.lineNumber, new Float64Array(picked.length)),
    lineColumn: pick(loc.lineColumn, new Float64Array(picked.length)),
  };
}

function keepSamples(p: Profile, keep: (s: number, stack: StackEdit) => boolean): SampleTable {
  const s = p.samples;
  const width = p.sampleTypes.length;
  const kept: number[] = [];
  const stackStart = [0];
  const stack: number[] = [];
  const edit = new StackEdit();
  for (let i = 0; i < s.count; i++) {
    edit.load(s.stack, s.stackStart[i], s.stackStart[i + 1]);
    if (!keep(i, edit)) continue;
    kept.push(i);
    for (const loc of edit.values()) stack.push(loc);
    stackStart.push(stack.length);
  }
  const values = new (s.values.constructor as Float64ArrayConstructor)(kept.length * width);
  kept.forEach((i, k) => values.set(s.values.subarray(i * width, i * width + width), k * width));
  return {
    ...s,
    count: kept.length,
    stackStart: Uint32Array.from(stackStart),
    stack: Uint32Array.from(stack),
    values,
    ...keptLabels(s, kept),
  };
}

function keptLabels(s: SampleTable, kept: readonly number[]) {
  const labelStart = new Uint32Array(kept.length + 1);
  const from: number[] = [];
  kept.forEach((i, k) => {
    for (let j = s.labelStart[i]; j < s.labelStart[i + 1]; j++) from.push(j);
    labelStart[k + 1] = from.length;
  });
  const pick = <T extends Int32Array | Float64Array>(a: T, out: T): T => {
    from.forEach((j, i) => (out[i] = a[j]));
    return out;
  };
  return {
    labelStart,
    labelKey: pick(s.labelKey, new Int32Array(from.length)),
    labelStr: pick(s.labelStr, new Int32Array(from.length)),
    labelNum: pick(s.labelNum, new Float64Array(from.length)),
    labelUnit: pick(s.labelUnit, new Int32Array(from.length)),
  };
}
