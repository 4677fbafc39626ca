// Hostile inputs for `gomemlens trace gc`: not traces, old and empty traces, traces cut
// short, endless streams and devices, huge files, and hand-written traces that flood the
// reader with goroutines, batches or stacks, or claim absurd sizes. Each: the documented exit
// code, one stderr line for exit 2 (or a partial result that says what is missing), no stack
// trace, bounded peak RSS.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioPath } from '../support/go-scenario.js';
import { seededRandom } from '../support/random.js';
import { batch, frequencyBatch, HEADER_23, uvarint, writeFlood } from '../trace/trace-writer.js';
import { hostileSuite, type HostileCase } from './support.js';

const TRACEGEN = scenarioPath('tracegen');
const noTracegen = existsSync(TRACEGEN) ? undefined : 'dist/go/tracegen not built';

/** A real trace of a few generations (about one a second), made once. */
const real = (() => {
  let bytes: Buffer | undefined;
  return (): Buffer => {
    if (bytes) return bytes;
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-hostile-trace-'));
    try {
      const path = join(dir, 'real.trace');
      spawnSync(TRACEGEN, ['-out', path, '-for', '2500ms', '-workers', '2'], { timeout: 60_000 });
      bytes = readFileSync(path);
      return bytes;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
})();

const write = (name: string, data: Buffer | string) => (dir: string) =>
  writeFileSync(join(dir, name), data);

const gc = (file: string): string[] => ['trace', 'gc', `{dir}/${file}`];

function random(seed: number, n: number): Buffer {
  const r = seededRandom(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
}

const cases: HostileCase[] = [
  {
    name: 'random bytes',
    setup: write('t', random(1, 4096)),
    args: gc('t'),
    expectCode: 2,
    stderr: /not a Go execution trace/,
  },
  {
    name: 'a header and nothing else',
    setup: write('t', 'go 1.26 trace\0\0\0'),
    args: gc('t'),
    expectCode: 2,
    stderr: /empty trace/,
  },
  {
    name: 'a Go 1.19 trace (the old format)',
    setup: write('t', 'go 1.19 trace\0\0\0\x00\x01\x02'),
    args: gc('t'),
    expectCode: 2,
    stderr: /Go 1\.19 execution trace: only the Go >= 1\.22 format/,
  },
  {
    name: 'cut short inside its first generation',
    skip: noTracegen,
    setup: (dir) => write('t', real().subarray(0, 50_000))(dir),
    args: gc('t'),
    expectCode: 2,
    stderr: /cut short|truncated|no frequency/,
  },
  {
    name: 'cut short after some generations: a partial summary that says so',
    skip: noTracegen,
    setup: (dir) => write('t', real().subarray(0, Math.floor(real().length * 0.8)))(dir),
    args: gc('t'),
    expectCode: 0,
    stdout: /incomplete: .*the numbers cover what was read/,
    stderr: /^note: .*incomplete trace/,
  },
  {
    name: 'a 1 GiB sparse file',
    setup: (dir) => {
      const fd = openSync(join(dir, 't'), 'w');
      ftruncateSync(fd, 1 << 30);
      closeSync(fd);
    },
    args: gc('t'),
    expectCode: 2,
    stderr: /larger than 128 MiB/,
  },
  {
    name: 'an endless pipe on stdin',
    stdin: 'endless-pipe',
    args: ['trace', 'gc', '-'],
    expectCode: 2,
    stderr: /stdin: larger than 128 MiB/,
  },
  {
    name: '/dev/zero as stdin',
    stdin: 'dev-zero',
    args: ['trace', 'gc', '-'],
    expectCode: 2,
    stderr: /larger than|not a Go execution trace/,
  },
  {
    name: 'a directory',
    setup: (dir) => mkdirSync(join(dir, 't')),
    args: gc('t'),
    expectCode: 2,
    stderr: /is a directory/,
  },
  {
    name: 'a batch that claims 1 GiB',
    setup: write('t', Buffer.concat([HEADER_23, Buffer.from([1, 1, 1, 1, ...uvarint(1 << 30)])])),
    args: gc('t'),
    expectCode: 2,
    stderr: /batch of 1073741824 bytes, the maximum is 65536/,
  },
  {
    name: 'a varint of 11 bytes',
    setup: write('t', Buffer.concat([HEADER_23, Buffer.from([1, ...Array(10).fill(0xff), 1])])),
    args: gc('t'),
    expectCode: 2,
    stderr: /varint/,
  },
  {
    name: 'a batch of a generation before the one being read',
    setup: write('t', Buffer.concat([HEADER_23, frequencyBatch(2), batch(1, 1, 1, [13, 0, 0, 1])])),
    args: gc('t'),
    expectCode: 2,
    stderr: /generations out of order/,
  },
  {
    name: 'two million goroutines created (5 bytes each): refused past a million, what was read is summarized',
    setup: (dir) =>
      writeFlood(join(dir, 't'), 12 << 20, (i) => [14, 0, ...uvarint(i + 1), 0, 0], {
        first: [13, 0, 0, 1],
      }),
    args: gc('t'),
    expectCode: 0,
    stdout: /incomplete: more than 1048576 goroutines at once/,
    timeoutMs: 120_000,
  },
  {
    name: 'two million empty batches',
    setup: (dir) => {
      const empty = batch(1, 1, 10, []);
      writeFileSync(
        join(dir, 't'),
        Buffer.concat([HEADER_23, frequencyBatch(1), ...Array<Buffer>(2_100_000).fill(empty)]),
      );
    },
    args: gc('t'),
    expectCode: 2,
    stderr: /more than 1000000 batches in one generation/,
  },
  {
    name: 'three million stacks',
    setup: (dir) =>
      writeFlood(join(dir, 't'), 16 << 20, (i) => [3, ...uvarint(i + 1), 0], { prefix: [2] }),
    args: gc('t'),
    expectCode: 2,
    stderr: /more than 2000000 stacks in one generation/,
    timeoutMs: 120_000,
  },
];

hostileSuite('trace gc', cases);
