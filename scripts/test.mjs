// Runs every compiled test file under dist/test with node's test runner.
// Usage: node scripts/test.mjs [filter-substring ...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = findTests('dist/test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
// The Go agent module's own vet and tests run with the full suite (or an "agent" filter).
let goStatus = 0;
if (filters.length === 0 || filters.some((f) => f.includes('agent'))) {
  if (spawnSync('go', ['version']).status !== 0)
    console.log('agent/: Go is not installed; go vet and go test skipped');
  else
    goStatus =
      spawnSync('sh', ['-c', 'go vet ./... && go test ./...'], { cwd: 'agent', stdio: 'inherit' })
        .status ?? 1;
}
process.exit((result.status ?? 1) || goStatus);
