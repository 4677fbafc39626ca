/**
 * Loaded into the CLI under test with `node --import`: at exit it writes the process's peak RSS
 * (VmHWM of /proc/self/status) to the file named by GOMEMLENS_PEAK_RSS_FILE. A process that dies
 * abnormally (a V8 heap abort, a signal) writes nothing, which the suite counts as a failure.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const out = process.env.GOMEMLENS_PEAK_RSS_FILE;
if (out) {
  process.on('exit', () => {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) writeFileSync(out, String(Number(m[1]) * 1024));
  });
}
