/**
 * The profiles watch takes from a Go service: heap (gzipped profile.proto), goroutine
 * (?debug=1 text) and a short execution trace (/debug/pprof/trace?seconds=N, on triggers),
 * each with its own deadline, off the tick. A body over the capture's profile
 * cap, also once inflated, is refused (a gzip bomb from a hostile endpoint).
 */
import { MAX_CAPTURE_PROFILE_BYTES } from '../formats/capture-check.js';
import { fetchLimited } from './http.js';
import { checkInflatedSize } from './profile-fetch.js';

export type ServiceProfile = 'heap' | 'goroutine' | 'trace';

/** Seconds of execution trace taken on a trigger (watch --trace-seconds). */
export const TRACE_SECONDS = 2;

/** A profile fetch's own deadline (off the tick: it never delays a sample). */
export const PROFILE_TIMEOUT_MS = 10_000;

/**
 * A heap profile reports the state at the last completed GC (runtime/pprof WriteHeapProfile);
 * ?gc=1 runs one first (net/http/pprof), so a pre-OOM capture shows the heap as it is now.
 */
export function profilePath(kind: ServiceProfile, fresh = false, seconds = TRACE_SECONDS): string {
  if (kind === 'trace') return `/debug/pprof/trace?seconds=${seconds}`;
  return kind === 'heap'
    ? `/debug/pprof/heap${fresh ? '?gc=1' : ''}`
    : '/debug/pprof/goroutine?debug=1';
}

export async function fetchServiceProfile(
  base: string,
  kind: ServiceProfile,
  fresh: boolean,
  signal?: AbortSignal,
  seconds = TRACE_SECONDS,
): Promise<{ bytes?: Uint8Array; error?: string }> {
  const path = profilePath(kind, fresh, seconds);
  const maxBytes = MAX_CAPTURE_PROFILE_BYTES;
  // A trace answers after its seconds: the deadline runs on from there.
  const timeoutMs = PROFILE_TIMEOUT_MS + (kind === 'trace' ? seconds * 1000 : 0);
  const r = await fetchLimited(base + path, { timeoutMs, maxBytes, signal });
  // A trace cut off by the service's death is kept: its complete generations are the GC's
  // last seconds (the reader summarizes them and says the rest is missing).
  if (kind === 'trace' && r.outcome === 'error' && r.body && r.body.length > 0)
    return { bytes: r.body, error: `${path}: cut short (${r.detail ?? 'connection closed'})` };
  if (r.outcome !== 'ok' || !r.body)
    return { error: `${path}: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}` };
  const size = await checkInflatedSize(r.body, maxBytes);
  return 'size' in size ? { bytes: r.body } : { error: `${path}: refused, ${size.error}` };
}
