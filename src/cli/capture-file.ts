/** Reads a capture written by `gomemlens watch`, for `report` and `diagnose --capture`. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { CaptureParseError, parseCapture, type Capture } from '../formats/capture.js';
import type { TimedProfile } from '../analysis/site-growth.js';
import { formatBytes } from '../model/units.js';
import { InputError } from '../model/errors.js';

/** About 4 days at 1 s: larger captures are refused rather than read into memory. */
const MAX_CAPTURE_BYTES = 400 << 20;

export function readCaptureFile(path: string): Capture {
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  if (statSync(path).size > MAX_CAPTURE_BYTES)
    throw new InputError(
      `${path}: larger than ${formatBytes(MAX_CAPTURE_BYTES)} (about 4 days at 1 s); watch with a --duration per file`,
    );
  let parsed;
  try {
    parsed = parseCapture(readFileSync(path));
  } catch (err) {
    if (err instanceof CaptureParseError) throw new InputError(`${path}: ${err.message}`);
    throw err;
  }
  if (parsed.kind !== 'capture')
    throw new InputError(`${path}: not a gomemlens capture (no header line)`);
  return parsed.capture;
}

/** The heap profiles of a capture as bytes with their times. */
export function captureHeaps(
  profiles: readonly { kind: string; t: number; data: string }[],
): TimedProfile[] {
  return profiles
    .filter((p) => p.kind === 'heap')
    .map((p) => ({ time: p.t, bytes: new Uint8Array(Buffer.from(p.data, 'base64')) }));
}
