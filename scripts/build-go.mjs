// Builds the Go scenario programs under testdata/go once into dist/go/, shared by every test
// and benchmark, and the pinned upstream tools (testdata/upstream: benchstat, the oracle of the
// bench statistics, tracedump, the execution-trace oracle on golang.org/x/exp/trace, and crane, whose `crane registry serve` is the registry the
// --inspect-images tests read) into dist/upstream/.
// Skips (with a reason) when Go is not installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const probe = spawnSync('go', ['version'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error('build-go: Go is not installed; tests that need Go programs will skip');
  process.exit(0);
}

function goBuild(dir, out, pkg) {
  mkdirSync(out, { recursive: true });
  const build = spawnSync('go', ['build', '-o', out + '/', pkg], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' },
  });
  return build.status ?? 1;
}

const scenarios = goBuild('testdata/go', resolve('dist/go'), './...');
// The module proxy serves the pinned golang.org/x/perf; go.sum checks its hash.
const benchstat = goBuild(
  'testdata/upstream',
  resolve('dist/upstream'),
  'golang.org/x/perf/cmd/benchstat',
);
if (benchstat !== 0) console.error('build-go: could not build the pinned benchstat (see above)');
// go.sum pins go-containerregistry; a failed build only makes the registry tests skip.
const crane = goBuild(
  'testdata/upstream',
  resolve('dist/upstream'),
  'github.com/google/go-containerregistry/cmd/crane',
);
if (crane !== 0)
  console.error('build-go: could not build the pinned crane; registry tests will skip (see above)');
// The execution-trace oracle: golang.org/x/exp/trace (pinned by testdata/tracedump/go.sum).
const tracedump = goBuild('testdata/tracedump', resolve('dist/upstream'), '.');
if (tracedump !== 0)
  console.error(
    'build-go: could not build tracedump; the trace oracle tests will skip (see above)',
  );
process.exit(scenarios || benchstat);
