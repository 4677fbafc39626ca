// Builds the Go scenario programs under testdata/go once into dist/go/, shared by every test
// and benchmark. Skips (with a reason) when Go is not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve('dist/go');
const probe = spawnSync('go', ['version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error('build-go: Go is not installed; tests that need Go programs will skip');
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const build = spawnSync('go', ['build', '-o', out + '/', './...'], {
  cwd: 'testdata/go',
  stdio: 'inherit',
  env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
});
process.exit(build.status ?? 1);
