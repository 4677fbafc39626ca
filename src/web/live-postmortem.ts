/**
 * The live page's post-mortem once a target has ended: analysis/postmortem.ts over the
 * capture the page holds, with the growth of each allocation site between its first and last
 * heap profile (analysis/site-growth.ts, parsed here once per ended target).
 */
import { postMortem, type PostMortem } from '../analysis/postmortem.js';
import { heapSiteGrowth } from '../analysis/site-growth.js';
import type { SiteGrowth } from '../analysis/series-rules/index.js';
import { decodeBase64 } from '../formats/base64.js';
import type { Capture } from '../formats/capture.js';

const grown = new Map<Capture['header'], readonly SiteGrowth[]>();

/** The post-mortem now (without site growth until it is measured); `onGrowth` when it is. */
export function livePostMortem(c: Capture, onGrowth: () => void): PostMortem | undefined {
  if (!c.end) return undefined;
  if (!grown.has(c.header)) {
    grown.set(c.header, []);
    const heaps = c.profiles.filter((p) => p.kind === 'heap');
    const timed = [heaps[0], heaps[heaps.length - 1]]
      .filter((p) => p !== undefined)
      .map((p) => ({ time: p.t, bytes: decodeBase64(p.data) }));
    if (timed.length === 2)
      heapSiteGrowth(timed)
        .then((sites) => {
          grown.set(c.header, sites);
          onGrowth();
        })
        .catch(() => undefined); // a profile that does not parse: no growth line, as the report
  }
  return postMortem({ ...c, grownSites: grown.get(c.header) });
}
