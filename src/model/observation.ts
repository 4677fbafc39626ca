/**
 * A value read from the outside world. A missing file is data, not silence: every read says
 * whether it found the value, found nothing, or could not read it, and where it looked.
 */
export type Observation<T> =
  | { readonly status: 'ok'; readonly value: T; readonly source: string }
  | { readonly status: 'absent'; readonly source: string; readonly note?: string }
  | { readonly status: 'unreadable'; readonly source: string; readonly reason: string };

export function ok<T>(value: T, source: string): Observation<T> {
  return { status: 'ok', value, source };
}

export function absent<T>(source: string, note?: string): Observation<T> {
  return note === undefined ? { status: 'absent', source } : { status: 'absent', source, note };
}

export function unreadable<T>(source: string, reason: string): Observation<T> {
  return { status: 'unreadable', source, reason };
}

/** The value when the observation is ok, otherwise undefined. */
export function valueOf<T>(obs: Observation<T> | undefined): T | undefined {
  return obs?.status === 'ok' ? obs.value : undefined;
}

/** One line for a report: "memory.events not found (cgroup v1?)". */
export function describeMissing(obs: Observation<unknown>): string | undefined {
  if (obs.status === 'absent') return `${obs.source} not found${obs.note ? ` (${obs.note})` : ''}`;
  if (obs.status === 'unreadable') return `${obs.source} unreadable: ${obs.reason}`;
  return undefined;
}
