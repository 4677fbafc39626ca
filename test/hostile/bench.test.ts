// Hostile inputs for `gomemlens bench` (compare, save, run, heapdiff): endless streams and
// devices, oversized and garbled files, NaN/Inf values, pathological lines, broken baselines
// and runaway commands. Each exits 0, 1 or 2 as documented (never 3, never a stack trace), with
// one stderr line on exit 2 and a bounded peak RSS.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { hostileSuite, type HostileCase } from './support.js';

const MiB = 1 << 20;
const RSS = 300; // MiB: Node's ~45 MiB plus the 16 MiB input cap and what is parsed from it

/** Six results of one benchmark, as go test -count 6 prints them. */
function lines(value: (i: number) => string, unit = 'B/op', n = 6): string {
  return Array.from({ length: n }, (_, i) => `BenchmarkA-2 1000 ${value(i)} ${unit}\n`).join('');
}
const OK = lines((i) => String(100 + i));
const NAN6 = 'BenchmarkA-2 1000 NaN ns/op NaN B/op NaN allocs/op\n'.repeat(6);

/** Writes files (name -> content) into the case's directory. */
const files =
  (spec: Record<string, string | Buffer>) =>
  (dir: string): void => {
    for (const [name, content] of Object.entries(spec)) writeFileSync(join(dir, name), content);
  };

const unchanged = (name: string, content: string) => (dir: string) =>
  assert.equal(readFileSync(join(dir, name), 'utf8'), content, `${name} was changed`);
const absent = (name: string) => (dir: string) =>
  assert.ok(!existsSync(join(dir, name)), `${name} was written`);

/** A baseline document with the given results and units. */
const baseline = (results: unknown, units: unknown = []) =>
  JSON.stringify({ schema: 'gomemlens.bench.baseline/v1', results, units });
const goodResult = { name: 'A-2', iters: 1, config: [], values: [[1, 'B/op']], line: 1 };

const streams: HostileCase[] = [
  {
    name: 'compare /dev/zero',
    args: ['bench', 'compare', '/dev/zero', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 16 MiB/,
  },
  {
    name: 'compare label=/dev/zero',
    args: ['bench', 'compare', 'main=/dev/zero', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 16 MiB/,
  },
  {
    name: 'compare endless stdin',
    args: ['bench', 'compare', '-', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: larger than 16 MiB/,
  },
  {
    name: 'compare stdin from /dev/zero',
    args: ['bench', 'compare', 'ok.txt', '-'],
    setup: files({ 'ok.txt': OK }),
    stdin: 'dev-zero',
    expectCode: 2,
    stderr: /stdin: larger than 16 MiB/,
  },
  {
    name: 'save /dev/zero leaves the existing baseline alone',
    args: ['bench', 'save', '--out', 'base.json', '/dev/zero'],
    setup: files({ 'base.json': 'old' }),
    expectCode: 2,
    stderr: /larger than 16 MiB/,
    after: unchanged('base.json', 'old'),
  },
  {
    name: 'save endless stdin',
    args: ['bench', 'save', '--out', 'base.json'],
    stdin: 'endless-pipe',
    expectCode: 2,
    after: absent('base.json'),
  },
  {
    name: 'compare a 1 GiB sparse file',
    args: ['bench', 'compare', 'sparse.txt', 'ok.txt'],
    setup: (dir) => {
      files({ 'ok.txt': OK })(dir);
      const fd = openSync(join(dir, 'sparse.txt'), 'w');
      ftruncateSync(fd, 1 << 30);
      closeSync(fd);
    },
    expectCode: 2,
    stderr: /sparse\.txt: larger than 16 MiB/,
  },
  {
    name: 'compare a FIFO fed without end',
    args: ['bench', 'compare', 'fifo.txt', 'ok.txt'],
    setup: (dir) => {
      files({ 'ok.txt': OK })(dir);
      const fifo = join(dir, 'fifo.txt');
      spawnSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', 'exec yes BenchmarkA-2 > "$0"', fifo], {
        detached: true,
        stdio: 'ignore',
      });
      writer.unref();
      // The writer dies of SIGPIPE once the reader gives up; this is only the backstop.
      setTimeout(() => writer.kill('SIGKILL'), 30_000).unref();
    },
    expectCode: 2,
    stderr: /fifo\.txt: larger than 16 MiB/,
  },
];

const garbled: HostileCase[] = [
  {
    name: 'compare empty files',
    args: ['bench', 'compare', 'a.txt', 'b.txt'],
    setup: files({ 'a.txt': '', 'b.txt': '' }),
    expectCode: 2,
    stderr: /a\.txt: no benchmark results found/,
  },
  {
    name: 'compare binary garbage',
    args: ['bench', 'compare', 'g.bin', 'ok.txt'],
    setup: files({
      'g.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'ok.txt': OK,
    }),
    expectCode: 2,
    stderr: /g\.bin: no benchmark results found/,
  },
  {
    name: 'compare non-UTF-8 names',
    args: ['bench', 'compare', 'l1.txt', 'ok.txt'],
    setup: files({
      'l1.txt': Buffer.concat([Buffer.from('BenchmarkA\xe9\xff-2 1000 5 B/op\n', 'latin1')]),
      'ok.txt': OK,
    }),
    expectCode: 0,
    stdout: /A\uFFFD\uFFFD-2/,
  },
  {
    name: 'compare CRLF line ends',
    args: ['bench', 'compare', '--fail-on', 'B/op:+5%', 'ok.txt', 'crlf.txt'],
    setup: files({ 'ok.txt': OK, 'crlf.txt': OK.replace(/\n/g, '\r\n') }),
    expectCode: 0,
    stdout: /A-2 +102\.5 ± \d+% +102\.5 ± \d+% +~ \(p=1\.000 n=6\)/,
  },
  {
    name: 'compare 1e400 (out of range, as strconv.ParseFloat says)',
    args: ['bench', 'compare', 'big.txt', 'ok.txt'],
    setup: files({ 'big.txt': lines(() => '1e400'), 'ok.txt': OK }),
    expectCode: 2,
    stderr: /big\.txt:1: parsing measurement: value out of range/,
  },
  {
    name: 'compare negative iteration counts (benchfmt accepts them)',
    args: ['bench', 'compare', 'neg.txt'],
    setup: files({ 'neg.txt': 'BenchmarkA-2 -5 100 B/op\n' }),
    expectCode: 0,
  },
  {
    name: 'compare one 16 MiB line without a newline',
    args: ['bench', 'compare', 'long.txt', 'ok.txt'],
    setup: files({
      'long.txt': 'BenchmarkA-2 1 ' + '1 a '.repeat((16 * MiB - 64) / 4),
      'ok.txt': OK,
    }),
    expectCode: 2,
    stderr: /long\.txt:1: result line longer than 64 KiB/,
  },
];

const pathological: HostileCase[] = [
  {
    name: 'compare a line of 60,000 measurements (benchstat refuses it too)',
    args: ['bench', 'compare', 'wide.txt', 'wide.txt'],
    setup: files({ 'wide.txt': `BenchmarkA-2 1000 ${'7 ns/op '.repeat(60_000)}\n` }),
    expectCode: 2,
    stderr: /wide\.txt:1: result line longer than 64 KiB \(benchstat refuses it too\)/,
    timeoutMs: 10_000,
  },
  {
    name: 'compare 8,000 measurements on one line (under the line limit)',
    args: ['bench', 'compare', 'w.txt', 'w.txt'],
    setup: files({ 'w.txt': `BenchmarkA-2 1000 ${'7 ns/op '.repeat(8000)}\n` }),
    expectCode: 0,
    stdout: /n=8000/,
    timeoutMs: 10_000,
  },
  {
    name: 'compare 200,000 distinct benchmark names',
    args: ['bench', 'compare', 'names.txt', 'names.txt'],
    setup: files({
      'names.txt': Array.from({ length: 200_000 }, (_, i) => `BenchmarkA${i} 1 1 a\n`).join(''),
    }),
    expectCode: 2,
    stderr: /names\.txt:64001: more than 64,000 distinct benchmarks; refused/,
  },
  {
    name: 'compare 40,000 distinct config keys',
    args: ['bench', 'compare', 'keys.txt', 'keys.txt'],
    setup: files({
      'keys.txt':
        Array.from({ length: 40_000 }, (_, i) => `k${i}: v\n`).join('') + 'BenchmarkA 1 1 ns/op\n',
    }),
    expectCode: 0,
    stderr: /configuration larger than 8 KiB; line ignored/,
    timeoutMs: 10_000,
  },
  {
    name: 'compare a 15 MiB config value before 10,000 benchmarks',
    args: ['bench', 'compare', 'cfg.txt', 'cfg.txt'],
    setup: files({
      'cfg.txt':
        `note: ${'x'.repeat(15 * MiB)}\n` +
        Array.from({ length: 10_000 }, (_, i) => `BenchmarkA${i} 1 1 ns/op\n`).join(''),
    }),
    expectCode: 0,
    stderr: /cfg\.txt:1: line longer than 64 KiB/,
  },
  {
    name: 'compare 900,000 Unit metadata lines',
    args: ['bench', 'compare', 'units.txt', 'units.txt'],
    setup: files({
      'units.txt':
        Array.from({ length: 900_000 }, (_, i) => `Unit u${i} a=b\n`).join('') +
        'BenchmarkA 1 1 u1\n',
    }),
    expectCode: 0,
    stderr: /units\.txt: 889,000 more syntax errors not shown/,
  },
  {
    name: 'compare a million malformed result lines',
    args: ['bench', 'compare', 'bad.txt', 'bad.txt'],
    setup: files({ 'bad.txt': 'BenchmarkA x\n'.repeat(1_000_000) + 'BenchmarkA 1 1 ns/op\n' }),
    expectCode: 0,
    stderr: /bad\.txt: 999,000 more syntax errors not shown/,
  },
  {
    name: 'compare 4 million values',
    args: ['bench', 'compare', 'dense.txt', 'dense.txt'],
    setup: files({ 'dense.txt': `BenchmarkA 1 ${'1 a '.repeat(10_000)}\n`.repeat(200) }),
    expectCode: 2,
    stderr: /more than 2,000,000 values; refused/,
  },
  {
    name: 'compare, JSON output, just under the limits (64,000 cells)',
    args: ['bench', 'compare', '--json', 'n.txt', 'n.txt'],
    setup: files({
      'n.txt': Array.from(
        { length: 10_600 },
        (_, i) => `BenchmarkA${i} 1 1 ns/op 1 B/op 1 allocs/op\n`,
      ).join(''),
    }),
    expectCode: 0,
    // The JSON document of 64,000 cells is about 50 MB of text, held as a UTF-16 string
    // ("∞"), its UTF-8 bytes and the object graph: docs/bench.md "Limits".
    maxRssMiB: 400,
  },
];

const nonFinite: HostileCase[] = [
  {
    name: 'gate on NaN values refuses',
    args: ['bench', 'compare', '--fail-on', 'B/op:+5%', 'ok.txt', 'nan.txt'],
    setup: files({ 'ok.txt': OK, 'nan.txt': NAN6 }),
    expectCode: 2,
    stderr:
      /--fail-on B\/op:\+5% cannot decide: 6 values are NaN or ±Inf \(nan\.txt:1: NaN B\/op\)/,
  },
  ...['+Inf', '-Inf', 'Inf', 'inf', '+Infinity'].map((v): HostileCase => ({
    name: `gate on ${v} values refuses`,
    args: ['bench', 'compare', '--fail-on', 'B/op:+5%', 'ok.txt', 'inf.txt'],
    setup: files({ 'ok.txt': OK, 'inf.txt': lines(() => v) }),
    expectCode: 2,
    stderr: /cannot decide: 6 values are NaN or ±Inf \(inf\.txt:1: [+-]Inf B\/op\)/,
  })),
  {
    name: 'gate on sec/op with one +Inf ns/op among finite values refuses',
    args: ['bench', 'compare', '--fail-on', 'sec/op:+5%', 'ok.txt', 'mix.txt'],
    setup: files({
      'ok.txt': lines((i) => String(100 + i), 'ns/op'),
      'mix.txt': lines((i) => (i === 3 ? '+Inf' : String(100 + i)), 'ns/op'),
    }),
    expectCode: 2,
    stderr: /cannot decide: 1 value is NaN or ±Inf \(mix\.txt:4: \+Inf ns\/op\)/,
  },
  {
    name: 'gate on a median that overflows refuses',
    args: ['bench', 'compare', '--fail-on', 'B/op:+5%', 'huge.txt', 'huge.txt'],
    setup: files({ 'huge.txt': 'BenchmarkA 1 1.7e308 B/op\nBenchmarkA 1 -1.7e308 B/op\n' }),
    expectCode: 2,
    stderr: /the median of A is not a finite number/,
  },
  {
    name: 'compare without a gate leaves NaN out, with a note',
    args: ['bench', 'compare', 'ok.txt', 'half.txt'],
    setup: files({ 'ok.txt': OK, 'half.txt': OK + lines(() => 'NaN', 'B/op', 2) }),
    expectCode: 0,
    stdout: /2 of 8 values are NaN or ±Inf and were left out/,
    stderr: /note: 2 values of B\/op left out/,
  },
  {
    name: 'compare with only NaN values',
    args: ['bench', 'compare', 'nan.txt', 'nan.txt'],
    setup: files({ 'nan.txt': NAN6 }),
    expectCode: 2,
    stderr: /no finite benchmark values to compare/,
  },
  {
    name: 'save keeps NaN as "NaN" (never null)',
    args: ['bench', 'save', '--out', 'b.json', 'nan.txt'],
    setup: files({ 'nan.txt': NAN6.replace('NaN B/op', '+Inf B/op') }),
    expectCode: 0,
    after: (dir) => {
      const text = readFileSync(join(dir, 'b.json'), 'utf8');
      assert.doesNotMatch(text, /null/);
      assert.match(text, /\["NaN","ns\/op"\],\["\+Inf","B\/op"\]/);
    },
  },
  {
    name: 'gate against a saved baseline holding NaN refuses',
    args: ['bench', 'compare', '--fail-on', 'allocs/op:+0%', 'b.json', 'ok.txt'],
    setup: files({
      'b.json': baseline([{ ...goodResult, values: [['NaN', 'allocs/op']] }]),
      'ok.txt': lines(() => '3', 'allocs/op'),
    }),
    expectCode: 2,
    stderr: /cannot decide: 1 value is NaN or ±Inf \(b\.json:1: NaN allocs\/op\)/,
  },
];

const baselines: HostileCase[] = [
  ...(
    [
      ['null result', baseline([null]), /results\[0\]: no "name" string/],
      [
        'value of the wrong type',
        baseline([{ ...goodResult, values: [['x', 'B/op']] }]),
        /values\[0\] is not a number/,
      ],
      [
        'null value pair',
        baseline([{ ...goodResult, values: [null] }]),
        /values\[0\] is not \[value, unit\]/,
      ],
      [
        'null config pair',
        baseline([{ ...goodResult, config: [null] }]),
        /config\[0\] is not \[key, value\]/,
      ],
      [
        'prototype key as value',
        baseline([{ ...goodResult, values: [['toString', 'B/op']] }]),
        /values\[0\] is not a number/,
      ],
      [
        'null unit entry',
        baseline([goodResult], [null]),
        /b\.json: units\[0\]: not {unit, key, value} strings/,
      ],
      ['results not an array', baseline({ 0: goodResult }), /"results" and "units" must be arrays/],
      [
        'invalid JSON',
        `{"schema":"gomemlens.bench.baseline/v1","results":[`,
        /b\.json: invalid JSON \(/,
      ],
      [
        'deep nesting',
        `{"schema":"gomemlens.bench.baseline/v1","results":${'['.repeat(1e6)}${']'.repeat(1e6)}}`,
        /nested deeper than a baseline/,
      ],
      [
        'huge array of empty objects',
        baseline(Array.from({ length: 1_500_000 }, () => ({}))),
        /more than 1,000,000 arrays and objects/,
      ],
    ] as const
  ).map(([what, text, stderr]): HostileCase => ({
    name: `compare a baseline: ${what}`,
    args: ['bench', 'compare', 'b.json', 'ok.txt'],
    setup: files({ 'b.json': text, 'ok.txt': OK }),
    expectCode: 2,
    stderr,
  })),
  {
    name: 'compare a baseline: a huge array of numbers',
    args: ['bench', 'compare', 'b.json', 'ok.txt'],
    setup: files({ 'b.json': baseline(new Array(5_000_000).fill(0)), 'ok.txt': OK }),
    expectCode: 2,
    stderr: /b\.json: results\[0\]: no "name" string/,
  },
];

const outputs: HostileCase[] = [
  {
    name: 'save --out into a missing directory',
    args: ['bench', 'save', '--out', 'nope/b.json', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    expectCode: 2,
    stderr: /cannot write nope\/b\.json/,
  },
  {
    name: 'save --out onto a directory',
    args: ['bench', 'save', '--out', '.', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    expectCode: 2,
    stderr: /cannot write \./,
  },
  {
    name: 'save --out in a read-only directory, as an unprivileged user',
    args: ['bench', 'save', '--out', 'ro/b.json', 'ok.txt'],
    setup: (dir) => {
      files({ 'ok.txt': OK })(dir);
      spawnSync('sh', [
        '-c',
        `mkdir "$0/ro" && echo old > "$0/ro/b.json" && chmod 555 "$0/ro"`,
        dir,
      ]);
    },
    asNobody: true,
    expectCode: 2,
    stderr: /cannot write ro\/b\.json: permission denied/i,
    after: unchanged('ro/b.json', 'old\n'),
  },
  {
    name: '--markdown-out into a missing directory prints nothing else',
    args: ['bench', 'compare', '--markdown-out', 'nope/pr.md', 'ok.txt', 'ok.txt'],
    setup: files({ 'ok.txt': OK }),
    expectCode: 2,
    stderr: /cannot write nope\/pr\.md/,
    after: (_dir, r) => assert.equal(r.stdout, ''),
  },
];

const runs: HostileCase[] = [
  {
    name: 'run -- yes is stopped past the cap, --out not written',
    args: ['bench', 'run', '--out', 'out.txt', '--', 'yes'],
    expectCode: 2,
    stderr: /yes printed more than 16 MiB, more than bench compare reads; stopped it/,
    after: absent('out.txt'),
  },
  {
    name: 'run a command printing /dev/zero (no newline at all)',
    args: ['bench', 'run', '--', 'cat', '/dev/zero'],
    expectCode: 2,
    stderr: /cat printed more than 16 MiB/,
  },
  {
    name: 'run a command that ignores SIGTERM',
    args: [
      'bench',
      'run',
      '--',
      'sh',
      '-c',
      // its own complaint about the closed pipe would be a second stderr line (not ours)
      'trap "" TERM; exec 2>/dev/null; while :; do echo BenchmarkA 1 1 ns/op; done',
    ],
    expectCode: 2,
    stderr: /sh printed more than 16 MiB/,
  },
  {
    name: 'run a failing command: one line, no --out',
    args: [
      'bench',
      'run',
      '--out',
      'out.txt',
      '--',
      'sh',
      '-c',
      'echo BenchmarkA 1 2 ns/op; exit 3',
    ],
    expectCode: 2,
    stderr: /sh exited with code 3/,
    after: absent('out.txt'),
  },
];

const heapdiff: HostileCase[] = [
  {
    name: 'heapdiff /dev/zero',
    args: ['bench', 'heapdiff', '/dev/zero', '/dev/zero'],
    expectCode: 2,
  },
  {
    name: 'heapdiff endless stdin',
    args: ['bench', 'heapdiff', '-', 'g.bin'],
    setup: files({ 'g.bin': 'garbage' }),
    stdin: 'endless-pipe',
    expectCode: 2,
  },
  {
    name: 'heapdiff binary garbage',
    args: ['bench', 'heapdiff', 'g.bin', 'g.bin'],
    setup: files({ 'g.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)) }),
    expectCode: 2,
    stderr: /g\.bin: /,
  },
];

const suites = {
  streams,
  garbled,
  pathological,
  'NaN/Inf': nonFinite,
  baselines,
  outputs,
  run: runs,
  heapdiff,
};
for (const [title, cases] of Object.entries(suites))
  hostileSuite(
    `bench ${title}`,
    cases.map((c) => ({ maxRssMiB: RSS, ...c })),
  );
