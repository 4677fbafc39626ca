/**
 * Child process for bench/pprof.bench.ts: reads a profile, parses it and computes top the way
 * `gomemlens pprof top` does (node:zlib inflate, no labels), then prints its timings and its
 * own peak RSS as JSON. Run as a separate process so its peak RSS is the engine's alone.
 *   node dist/bench/pprof-child.js FILE
 */
import { readFileSync } from 'node:fs';
import { profileTop } from '../src/analysis/profile-top.js';
import { parseProfile } from '../src/formats/pprof-detect.js';
import { renderTopText } from '../src/report/pprof-top.js';
import { nodeGunzip } from '../src/sources/profile-fetch.js';

const t0 = performance.now();
const bytes = readFileSync(process.argv[2]);
const profile = await parseProfile(bytes, { labels: false, inflate: nodeGunzip });
const t1 = performance.now();
const report = profileTop(profile, {});
const text = renderTopText(report);
const t2 = performance.now();
console.log(
  JSON.stringify({
    parseMs: t1 - t0,
    topMs: t2 - t1,
    rows: report.rows.length,
    textBytes: text.length,
    samples: profile.samples.count,
    maxRssKB: process.resourceUsage().maxRSS,
  }),
);
