/**
 * Capture analysis, shared by `report`, `watch` (its post-mortem) and `diagnose --capture`:
 * the profiles that are safe to parse, the growth of each allocation site over the heap
 * profiles, and the post-mortem. What could not be done becomes a note, never silence.
 */
import { postMortem, type PostMortem } from '../analysis/postmortem.js';
import { SampleIndexError } from '../analysis/profile-top.js';
import { heapSiteGrowth, type TimedProfile } from '../analysis/site-growth.js';
import type { SiteGrowth } from '../analysis/series-rules/index.js';
import { lastSnapshot, type Capture, type ProfileRecord } from '../formats/capture.js';
import { InputError, ParseError } from '../model/errors.js';
import type { Snapshot } from '../model/snapshot.js';
import { pickProfiles } from '../report/html/report-data.js';
import { inputName } from '../sources/input-file.js';
import { captureHeaps, readCaptureFile, withUsableProfiles } from './capture-file.js';

export interface CaptureAnalysis {
  /** The capture without the profiles that are unsafe to parse, its notes extended. */
  readonly capture: Capture;
  readonly postMortem: PostMortem;
  /** What this analysis left out or could not do, one line each (also in capture.notes). */
  readonly notes: readonly string[];
}

/**
 * `pick` chooses the profiles a caller will parse (the report embeds heap and goroutine
 * profiles); those are checked against gzip bombs first. Site growth is measured over the
 * heap profiles the report embeds (all of them, up to 40).
 */
export async function analyzeCapture(
  read: Capture,
  pick: (all: readonly ProfileRecord[]) => readonly { data: string }[] = pickProfiles,
): Promise<CaptureAnalysis> {
  const usable = await withUsableProfiles(read, pick);
  const growth = await siteGrowth(captureHeaps(pickProfiles(usable.profiles)));
  const notes = [...usable.notes.slice(read.notes.length), ...growth.notes];
  const capture = { ...usable, notes: [...read.notes, ...notes] };
  const pm = postMortem({ ...capture, grownSites: growth.sites });
  return { capture, postMortem: pm, notes };
}

/** Site growth, or a note saying why there is none (a heap profile that does not parse). */
export async function siteGrowth(
  heaps: readonly TimedProfile[],
): Promise<{ sites: SiteGrowth[]; notes: string[] }> {
  try {
    return { sites: [...(await heapSiteGrowth(heaps))], notes: [] };
  } catch (err) {
    // A profile that does not parse, or has no inuse_space: the report still has the rest.
    if (!(err instanceof ParseError || err instanceof SampleIndexError)) throw err;
    return { sites: [], notes: [`site growth not measured: ${err.message}`] };
  }
}

/** The last full snapshot of a capture file (`diagnose --capture`). */
export async function lastSnapshotIn(file: string): Promise<Snapshot> {
  const capture = await readCaptureFile(file);
  const record = lastSnapshot(capture);
  if (record) return record.snapshot;
  const dropped = capture.notes.find((n) => n.includes('snapshot'));
  throw new InputError(
    `${inputName(file)} holds no ${dropped ? 'valid ' : ''}snapshot (${dropped ?? 'watch writes one with each heap profile'})`,
  );
}
