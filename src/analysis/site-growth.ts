/**
 * Heap profiles -> allocation sites with their growth, for the series rules and the
 * post-mortem. The pprof engine parses them; leakSuspects (Theil-Sen rate, steadiness) says
 * which sites grew steadily across the profiles, and the last profile's top (inuse_space,
 * flat, like `go tool pprof -top -sample_index=inuse_space`) gives each site's share.
 */
import { leakSuspects } from './profile-leak.js';
import { profileTop } from './profile-top.js';
import type { SiteGrowth } from './series-rules/index.js';
import { parseProfile } from '../formats/pprof-detect.js';

export interface TimedProfile {
  readonly time: number;
  readonly bytes: Uint8Array;
}

/** Sites of the last profile, largest first, with their steady growth since the first one. */
export async function heapSiteGrowth(
  heaps: readonly TimedProfile[],
): Promise<readonly SiteGrowth[]> {
  if (heaps.length < 2) return [];
  const parsed = await Promise.all(
    heaps.map(async (h) => ({ time: h.time, profile: await parseProfile(h.bytes) })),
  );
  const suspects = new Map(leakSuspects(parsed).map((s) => [s.name, s]));
  const last = profileTop(parsed[parsed.length - 1].profile, {
    sampleIndex: 'inuse_space',
    nodeFraction: 0,
  });
  const total = last.total || 1;
  return last.rows
    .map((r) => {
      const s = suspects.get(r.name);
      return {
        func: r.name,
        inuseBytes: r.flat,
        share: r.flat / total,
        growthBytes: s?.growthBytes ?? 0,
        rateBytesPerSec: s?.rateBytesPerSec ?? 0,
      };
    })
    .sort((x, y) => y.inuseBytes - x.inuseBytes);
}
