/**
 * gomemlens's execution-trace reader against Go's own (golang.org/x/exp/trace, through
 * testdata/tracedump): every event, in order, with its time, goroutine, P, M and details, and
 * the GC, stop-the-world and mark-assist ranges, on traces written by testdata/go/tracegen
 * built with each Go toolchain the module proxy serves (GOTOOLCHAIN=go1.N.x), and the local one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ParseError } from '../../src/model/errors.js';
import { GoTraceReader } from '../../src/formats/go-trace-reader.js';
import { dumpLines } from './trace-lines.js';
import { writeTrace } from './trace-gen.js';

const TRACEDUMP = resolve('dist/upstream/tracedump');
/** The toolchains compared: '' is the machine's own Go (1.26 here). */
const TOOLCHAINS = ['', 'go1.22.12', 'go1.23.12', 'go1.24.13', 'go1.25.14'];

const skip = existsSync(TRACEDUMP)
  ? undefined
  : 'dist/upstream/tracedump not built (run node scripts/build-go.mjs)';

const dir = mkdtempSync(join(tmpdir(), 'gomemlens-trace-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const traceWith = (toolchain: string): string | { path: string } => writeTrace(dir, toolchain);

function firstDifference(a: string[], b: string[]): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  ours:   ${a[i]}\n  theirs: ${b[i]}`;
  }
  return `lengths ${a.length} vs ${b.length}`;
}

for (const toolchain of TOOLCHAINS) {
  test(
    `reader = golang.org/x/exp/trace, events and GC ranges (${toolchain || 'local Go'})`,
    { skip },
    (t) => {
      const made = traceWith(toolchain);
      if (typeof made === 'string') return t.skip(made);
      const theirs = spawnSync(TRACEDUMP, ['-events', made.path], {
        maxBuffer: 1 << 30,
        encoding: 'utf8',
      });
      assert.equal(theirs.status, 0, theirs.stderr);
      const want = theirs.stdout.trimEnd().split('\n');
      const got = dumpLines(readFileSync(made.path));
      assert.equal(got.error, undefined);
      if (got.lines.join('\n') !== want.join('\n')) assert.fail(firstDifference(got.lines, want));
      // The workload is GC-heavy: the comparison covered mark phases, STWs and assists.
      for (const kind of ['gc ', 'stw ', 'assist '])
        assert.ok(
          want.some((l) => l.startsWith(kind)),
          `no ${kind.trim()} lines`,
        );
    },
  );
}

test('a truncated trace: the same events as Go, then the same kind of end', { skip }, (t) => {
  const made = traceWith('');
  if (typeof made === 'string') return t.skip(made);
  const whole = readFileSync(made.path);
  const cut = join(dir, 'cut.trace');
  for (const size of [Math.floor(whole.length / 2), whole.length - 7]) {
    const part = whole.subarray(0, size);
    writeFileSync(cut, part);
    const theirs = spawnSync(TRACEDUMP, ['-events', cut], { maxBuffer: 1 << 30, encoding: 'utf8' });
    assert.notEqual(theirs.status, 0, 'Go reads a truncated trace as broken');
    const want = theirs.stdout.trimEnd().split('\n');
    const got = dumpLines(part);
    assert.match(got.error ?? '', /truncated|cut short|end of data/);
    if (got.lines.join('\n') !== want.join('\n')) assert.fail(firstDifference(got.lines, want));
  }
});

test('an old (Go <= 1.21) trace is refused as unrecognized, naming the version', (t) => {
  // testdata/go's go.mod asks for Go 1.22: build tracegen alone in a go 1.21 module.
  const mod = join(dir, 'go121');
  mkdirSync(mod);
  writeFileSync(join(mod, 'go.mod'), 'module tracegen\n\ngo 1.21\n');
  copyFileSync(resolve('testdata/go/tracegen/main.go'), join(mod, 'main.go'));
  const bin = join(mod, 'tracegen');
  const env = {
    ...process.env,
    CGO_ENABLED: '0',
    GOTOOLCHAIN: 'go1.21.13',
    GOFLAGS: '-buildvcs=false',
  };
  const build = spawnSync('go', ['build', '-o', bin, '.'], { cwd: mod, env, encoding: 'utf8' });
  if (build.status !== 0) return t.skip(`go1.21.13 not available: ${build.stderr.split('\n')[0]}`);
  const path = join(mod, 'old.trace');
  assert.equal(spawnSync(bin, ['-out', path, '-for', '100ms']).status, 0);
  assert.throws(
    () => new GoTraceReader(readFileSync(path)),
    (err) =>
      err instanceof ParseError && err.kind === 'unrecognized' && /Go 1\.21/.test(err.message),
  );
});
