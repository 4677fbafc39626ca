// Hostile inputs for simulate and advise: bad captures (not captures, empty, huge, damaged,
// without the numbers calibration needs, with absurd values) and bad flags give exit 2 and one
// stderr line, no stack trace, and a bounded peak RSS; the real capture still gives advice.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostileSuite, type HostileCase } from './support.js';

const REAL = readFileSync('testdata/advise/gcload-gogc100.ndjson', 'utf8').trimEnd().split('\n');
const LEAKY = readFileSync('testdata/watch/leaky-oom.ndjson', 'utf8');
const HEADER = REAL[0];
const SAMPLES = REAL.filter((l) => l.includes('"type":"sample"'));
const TRACES = REAL.filter((l) => l.includes('"type":"gctrace"'));

function write(name: string, text: string | Buffer) {
  return (dir: string) => writeFileSync(join(dir, name), text);
}

const capture = (lines: readonly string[]) => [HEADER, ...lines].join('\n') + '\n';

/** The real capture with every sample's `go` fields changed. */
function samplesWith(change: (go: Record<string, unknown>) => void): string[] {
  return SAMPLES.map((l) => {
    const s = JSON.parse(l) as { go?: Record<string, unknown> };
    if (s.go) change(s.go);
    return JSON.stringify(s);
  });
}

const ONE_LINE = /^gomemlens (advise|simulate|watch): [^\n]+\n$/;
const cases: HostileCase[] = [];
for (const cmd of ['advise', 'simulate'] as const) {
  cases.push(
    { name: `${cmd} DIR`, args: [cmd, '{dir}'], expectCode: 2, stderr: /is a directory/ },
    {
      name: `${cmd} /dev/zero`,
      args: [cmd, '/dev/zero'],
      expectCode: 2,
      stderr: /not a gomemlens capture/,
    },
    {
      name: `${cmd} - with an endless pipe`,
      args: [cmd, '-'],
      stdin: 'endless-pipe',
      expectCode: 2,
      stderr: /stdin: not a gomemlens capture/,
    },
    {
      name: `${cmd} of an empty file`,
      args: [cmd, 'e.ndjson'],
      setup: write('e.ndjson', ''),
      expectCode: 2,
      stderr: /not a gomemlens capture/,
    },
    {
      name: `${cmd} of a 1 GiB sparse file after a header`,
      args: [cmd, 's.ndjson'],
      setup: (dir) => {
        writeFileSync(join(dir, 's.ndjson'), HEADER + '\n');
        spawnSync('truncate', ['-s', '1G', join(dir, 's.ndjson')]);
      },
      expectCode: 2,
      stderr: /larger than 400 MiB/,
    },
    {
      name: `${cmd} of a capture of garbage records`,
      args: [cmd, 'c.ndjson'],
      setup: write('c.ndjson', capture(['{"type":"sample"', 'xx', '[1,2]', '{"type":7}', 'null'])),
      expectCode: 2,
      stderr: /cannot calibrate the GC model: 0 samples with Go runtime numbers/,
    },
    {
      name: `${cmd} of a capture without an allocation counter (written before TotalAlloc was recorded)`,
      args: [cmd, 'leaky.ndjson'],
      setup: write('leaky.ndjson', LEAKY),
      expectCode: 2,
      stderr: /cannot calibrate the GC model: no allocation counter/,
    },
    {
      name: `${cmd} of a capture without GC CPU numbers or gctrace`,
      args: [cmd, 'c.ndjson'],
      setup: write('c.ndjson', capture(samplesWith((g) => delete g.gcCpuSeconds))),
      expectCode: 2,
      stderr: /no GC CPU measure: run the service with GODEBUG=gctrace=1/,
    },
    {
      name: `${cmd} of a capture whose counters go backwards`,
      args: [cmd, 'c.ndjson'],
      setup: write(
        'c.ndjson',
        capture(samplesWith((g) => (g.totalAlloc = 1e12 - (g.totalAlloc as number)))),
      ),
      expectCode: 2,
      stderr: /no allocation counter/,
    },
    {
      name: `${cmd} of a capture with absurd values (GOMAXPROCS 1e9, heaps of 1e300 bytes)`,
      args: [cmd, 'c.ndjson'],
      setup: write(
        'c.ndjson',
        capture(
          samplesWith((g) =>
            Object.assign(g, { gomaxprocs: 1e9, heapAlloc: 1e300, live: 1e300, sys: 1e300 }),
          ),
        ),
      ),
      expectCode: 2,
      stderr: /cannot calibrate the GC model: .*(GOMAXPROCS|out of range)/,
    },
    {
      name: `${cmd} of gctrace records with lines too long, broken and absurd`,
      args: [cmd, 'c.ndjson', '--json'],
      setup: write(
        'c.ndjson',
        capture([
          ...samplesWith((g) => delete g.gcCpuSeconds),
          JSON.stringify({
            type: 'gctrace',
            t: 1796537930132,
            lines: ['gc 1 @' + '9'.repeat(5000)],
          }),
          JSON.stringify({ type: 'gctrace', t: 1796537930132, lines: ['gc 1 @x', 7, 'gc 2 @1s'] }),
          JSON.stringify({
            type: 'gctrace',
            t: 1796537930132,
            lines: [
              `gc 3 @1.0s 1%: 1+1+1 ms clock, 1+1/1/1+1 ms cpu, ${'9'.repeat(400)}->1->1 MB, 1 MB goal, 0 MB stacks, 0 MB globals, 2 P`,
            ],
          }),
          ...TRACES.slice(0, 1),
        ]),
      ),
      expectCode: 2,
      stderr: /cannot calibrate the GC model/,
    },
  );
}
cases.push(
  {
    name: 'simulate --gogc abc',
    args: ['simulate', 'c.ndjson', '--gogc', 'abc'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 2,
    stderr: /--gogc wants/,
  },
  {
    name: 'simulate --gomemlimit 512Mi (Kubernetes syntax)',
    args: ['simulate', 'c.ndjson', '--gomemlimit', '512Mi'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 2,
    stderr: /Go's syntax: 512MiB/,
  },
  {
    name: 'simulate --limit lots',
    args: ['simulate', 'c.ndjson', '--limit', 'lots'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 2,
    stderr: /--limit wants a size/,
  },
  {
    name: 'simulate --gomaxprocs 0',
    args: ['simulate', 'c.ndjson', '--gomaxprocs', '0'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 2,
    stderr: /--gomaxprocs wants 1 to 1024/,
  },
  {
    name: 'advise --gc-cpu-budget 150%',
    args: ['advise', 'c.ndjson', '--gc-cpu-budget', '150%'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 2,
    stderr: /--gc-cpu-budget wants a share/,
  },
  {
    name: 'advise of the real capture',
    args: ['advise', 'c.ndjson'],
    setup: write('c.ndjson', REAL.join('\n')),
    expectCode: 0,
    stdout: /Advice: GOGC=\d+ GOMEMLIMIT=\d+MiB/,
  },
);

// watch --gctrace: a file that is not there, a directory, a device: one line before any capture.
for (const [what, path, why] of [
  ['missing', '{dir}/none.log', /--gctrace .*none\.log: no such file or directory/],
  ['a directory', '{dir}', /not a regular file/],
  ['/dev/zero', '/dev/zero', /not a regular file/],
] as const)
  cases.push({
    name: `watch --gctrace ${what}`,
    args: ['watch', '--pid', String(process.pid), '--gctrace', path, '--out', '{dir}/c.ndjson'],
    expectCode: 2,
    stderr: why,
    after: (dir) => assert.ok(!existsSync(join(dir, 'c.ndjson')), 'a capture was created'),
  });

hostileSuite(
  'advise and simulate',
  cases.map((c) => (c.expectCode === 2 && !c.stderr ? { ...c, stderr: ONE_LINE } : c)),
);
