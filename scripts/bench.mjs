// Runs every benchmark (dist/bench/*.bench.js) one after another; each prints its own
// measurements and ratios against the reference tool measured in the same run.
// Usage: node scripts/bench.mjs [filter-substring ...]
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = 'dist/bench';
const filters = process.argv.slice(2);
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.bench.js'))
      .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
      .sort()
  : [];
if (files.length === 0) console.log('no benchmarks found');
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
