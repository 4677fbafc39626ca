/**
 * Child process for bench/pprof.bench.ts: reads a profile, parses it and computes top the way
 * `gomemlens pprof top` does (node:zlib inflate, no labels), then prints the CPU time of
 * each phase (process.cpuUsage: every thread, so the JIT's compiler threads too) and its own
 * peak RSS as JSON. Run as a separate process so the numbers are the engine's alone.
 *   node dist/bench/pprof-child.js FILE
 */
import { readFileSync } from 'node:fs';
import { profileTop } from '../src/analysis/profile-top.js';
import { parseUncompressedProfile } from '../src/formats/pprof-detect.js';
import { renderTopText } from '../src/report/pprof-top.js';
import { nodeGunzip } from '../src/sources/profile-fetch.js';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const round = (x: number) => Math.round(x);
const t0 = cpu();
const bytes = readFileSync(process.argv[2]);
const t1 = cpu();
const raw = bytes[0] === 0x1f ? await nodeGunzip(bytes, 1 << 30) : bytes;
const t2 = cpu();
const profile = parseUncompressedProfile(raw, { labels: false });
const t3 = cpu();
const report = profileTop(profile, {});
const t4 = cpu();
renderTopText(report);
const t5 = cpu();
console.log(
  JSON.stringify({
    startup: round(t0),
    read: round(t1 - t0),
    gunzip: round(t2 - t1),
    parse: round(t3 - t2),
    top: round(t4 - t3),
    render: round(t5 - t4),
    rows: report.rows.length,
    samples: profile.samples.count,
    maxRssMiB: round(process.resourceUsage().maxRSS / 1024),
  }),
);
