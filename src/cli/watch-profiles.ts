/**
 * Heap profiles -> allocation sites with their growth, for the series rules and the
 * post-mortem: both profiles parsed by the pprof engine, compared on inuse_space per function
 * (flat, like `go tool pprof -top -sample_index=inuse_space`).
 */
import { profileTop } from '../analysis/profile-top.js';
import type { SiteGrowth } from '../analysis/series-rules/index.js';
import { parseProfile } from '../formats/pprof-detect.js';

export async function heapSiteGrowth(first: Uint8Array, last: Uint8Array): Promise<readonly SiteGrowth[]> {
  const [a, b] = await Promise.all([parseProfile(first), parseProfile(last)]);
  const opts = { sampleIndex: 'inuse_space', nodeFraction: 0 };
  const before = new Map(profileTop(a, opts).rows.map((r) => [r.name, r.flat]));
  const after = profileTop(b, opts);
  const total = after.total || 1;
  return after.rows
    .map((r) => ({ func: r.name, inuseBytes: r.flat, share: r.flat / total, growthBytes: r.flat - (before.get(r.name) ?? 0) }))
    .sort((x, y) => y.inuseBytes - x.inuseBytes);
}
