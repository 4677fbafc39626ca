/**
 * The edges of a watch session: the reader it ticks, the first tick that checks the target
 * before any capture exists, and the capture file's first and last records.
 */
import type { TriggerOptions } from '../analysis/triggers.js';
import { CAPTURE_FORMAT, CAPTURE_VERSION, type CaptureHeader } from '../formats/capture.js';
import { InputError } from '../model/errors.js';
import { valueOf } from '../model/observation.js';
import type { Target } from '../model/snapshot.js';
import { openCaptureWriter, type CaptureWriter } from '../sources/capture-writer.js';
import { describeFsError } from '../sources/fs-errors.js';
import { hostFs } from '../sources/hostfs.js';
import type { RuntimeEndpoint } from '../sources/runtime.js';
import { createTargetReader, type TargetReader } from '../sources/target.js';
import type { SessionResult } from './watch-session.js';

/**
 * The target on this host. The full snapshot taken with each profile leaves out the heap
 * profile's debug=1 text: the profile itself is fetched right after, and that text only
 * repeats MemStats, which /debug/vars gives.
 */
export const WATCH_FULL_ENDPOINTS: readonly RuntimeEndpoint[] = ['vars', 'metrics', 'agent'];

export function watchReader(target: Target): TargetReader {
  return createTargetReader(hostFs('/'), target, { fullEndpoints: WATCH_FULL_ENDPOINTS });
}

/**
 * One tick before the capture exists: a missing target is a one-line error, not an empty
 * capture. A process whose Go endpoints do not answer is still watched; the warning says so.
 */
export async function preflight(
  reader: TargetReader,
  target: Target,
  timeoutMs: number,
): Promise<{ warning?: string }> {
  const first = await reader.tick(Date.now(), { timeoutMs });
  if (target.pid !== undefined && !first.alive)
    throw new InputError(`process ${target.pid} not found`);
  const rt = first.snapshot.runtime;
  const goRead = valueOf(rt?.memstats) !== undefined || valueOf(rt?.prometheus) !== undefined;
  if (target.url === undefined || goRead) return {};
  const why = first.snapshot.notes.join('; ') || 'no answer';
  const problem = `no Go runtime endpoints at ${target.url} (${why})`;
  if (target.pid === undefined) throw new InputError(problem);
  return { warning: `${problem}; watching the process only` };
}

export interface CaptureSettings {
  readonly target: Target;
  readonly intervalMs: number;
  readonly profileEveryMs: number;
  readonly triggers: TriggerOptions;
}

/** The first record of a capture. */
export function captureHeader(s: CaptureSettings): CaptureHeader {
  return {
    type: 'header',
    format: CAPTURE_FORMAT,
    version: CAPTURE_VERSION,
    startedAt: Date.now(),
    target: s.target,
    intervalMs: s.intervalMs,
    profileEveryMs: s.profileEveryMs,
    config: { ...s.triggers },
  };
}

/** Creates the capture (it must not exist) and writes its header. */
export function openCapture(path: string, s: CaptureSettings): CaptureWriter {
  try {
    return openCaptureWriter(path, captureHeader(s));
  } catch (err) {
    throw new InputError(`cannot create ${path}: ${describeFsError(err)}`);
  }
}

/**
 * The end record (why watching stopped, what was still in flight, how the target exited when
 * watch started it), then the file is closed.
 */
export function endCapture(
  out: CaptureWriter,
  result: SessionResult,
  exit: { readonly exitCode?: number; readonly signal?: string } = {},
): void {
  const inFlight = result.inFlight.length ? { inFlight: [...result.inFlight] } : {};
  out.append({ type: 'end', t: Date.now(), why: result.why, ...exit, ...inFlight });
  out.close();
}
