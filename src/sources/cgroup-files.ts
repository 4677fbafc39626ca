/**
 * Reading one cgroup or /proc file into an Observation through a pure parser, and the
 * effective limit: the smallest limit on the path from a group up to its mount point.
 */
import { absent, ok, unreadable, type Observation } from '../model/observation.js';
import type { EffectiveLimit } from '../model/snapshot.js';
import { UNLIMITED, type Limit } from '../model/units.js';
import { ParseError } from '../model/errors.js';
import type { HostFs } from './hostfs.js';

/**
 * Reads in flight, per HostFs and path. `ps` reads hundreds of processes at once and most
 * share a few cgroups and the same mount table: concurrent reads of one file are done once.
 * An entry lives only until its read settles, so later calls (a `watch` tick) read afresh.
 */
const inFlight = new WeakMap<HostFs, Map<string, Promise<Observation<string>>>>();

function readShared(fs: HostFs, path: string): Promise<Observation<string>> {
  let reads = inFlight.get(fs);
  if (!reads) inFlight.set(fs, (reads = new Map()));
  const pending = reads.get(path);
  if (pending) return pending;
  const read = fs.readText(path).finally(() => reads.delete(path));
  reads.set(path, read);
  return read;
}

/** Reads path and parses it; a parse error becomes "unreadable: malformed ...". */
export async function readParsed<T>(
  fs: HostFs,
  path: string,
  parse: (text: string) => T,
  absentNote?: string,
): Promise<Observation<T>> {
  const read = await readShared(fs, path);
  if (read.status === 'absent') return absent(path, absentNote ?? read.note);
  if (read.status === 'unreadable') return read;
  return parseObservation(read.value, path, parse);
}

export function parseObservation<T, I>(
  input: I,
  path: string,
  parse: (input: I) => T,
): Observation<T> {
  try {
    return ok(parse(input), path);
  } catch (err) {
    if (err instanceof ParseError) return unreadable(path, `malformed: ${err.message}`);
    throw err;
  }
}

export interface LimitCandidate {
  readonly limit: Limit;
  readonly setBy: string;
}

/**
 * The smallest limit among the readable ones (the group's own first, so a tie names the
 * nearest file). A level that could not be read makes the answer unknown rather than wrong;
 * missing files are normal (the root has no memory.max).
 */
export function smallestLimit(
  levels: readonly Observation<Limit>[],
  missingNote: string,
): Observation<EffectiveLimit> {
  const bad = levels.find((l) => l.status === 'unreadable');
  if (bad?.status === 'unreadable') return unreadable(bad.source, bad.reason);
  const candidates: LimitCandidate[] = [];
  for (const l of levels)
    if (l.status === 'ok') candidates.push({ limit: l.value, setBy: l.source });
  if (candidates.length === 0) return absent(levels[0]?.source ?? '', missingNote);
  let best = candidates[0];
  for (const c of candidates) if (isSmaller(c.limit, best.limit)) best = c;
  return ok({ limit: best.limit, setBy: best.setBy }, best.setBy);
}

function isSmaller(a: Limit, b: Limit): boolean {
  if (a === UNLIMITED) return false;
  return b === UNLIMITED || a < b;
}
