// Hostile cases for `gomemlens gctrace LOG`: no log, not a log, garbled and truncated logs,
// devices, FIFOs and endless stdin. Each exits 2 with one line, or 0 with a partial result
// that says what was not read; memory stays bounded.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostileSuite, type HostileCase } from './support.js';

const LOG = resolve('testdata/gctrace/release-go1.26.log');
const REAL = readFileSync(LOG, 'utf8');
const GC_LINE = REAL.split('\n').find((l) => l.startsWith('gc 3 '))!;

/** A FIFO in the case's directory with a writer that sends `text`, then closes it. */
const fifoWith = (text: string) => (dir: string) => {
  const fifo = join(dir, 'log.fifo');
  spawnSync('mkfifo', [fifo]);
  // The writer opens the FIFO (blocking until the reader does) and writes.
  const w = spawn('sh', ['-c', 'cat > "$0"', fifo], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  w.stdin.end(text);
};

/** A FIFO with a writer that never stops: `yes` repeating one gctrace line (SIGPIPE ends it). */
const endlessFifo = (dir: string) => {
  const fifo = join(dir, 'endless.fifo');
  spawnSync('mkfifo', [fifo]);
  spawn('sh', ['-c', 'yes "$1" > "$0"', fifo, GC_LINE], { stdio: 'ignore' }).unref();
};

const cases: HostileCase[] = [
  { name: 'no LOG', args: ['gctrace'], expectCode: 2, stderr: /give one LOG/ },
  { name: 'two LOGs', args: ['gctrace', LOG, LOG], expectCode: 2, stderr: /give one LOG/ },
  {
    name: 'missing file',
    args: ['gctrace', '{dir}/nope.log'],
    expectCode: 2,
    stderr: /nope\.log: no such file/,
  },
  { name: 'a directory', args: ['gctrace', '{dir}'], expectCode: 2, stderr: /is a directory/ },
  {
    name: 'an empty file',
    args: ['gctrace', '{dir}/empty.log'],
    setup: (d) => writeFileSync(join(d, 'empty.log'), ''),
    expectCode: 2,
    stderr: /no gctrace line in 0 lines; not GODEBUG=gctrace=1 output/,
  },
  {
    name: 'a binary (the gomemlens shim, gzip bytes)',
    args: ['gctrace', '-'],
    stdin: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 10, 0x80, 0x81]),
    expectCode: 2,
    stderr: /stdin: no gctrace line in 2 lines/,
  },
  {
    name: '/dev/zero as LOG: one endless line, refused after 64 MiB',
    args: ['gctrace', '/dev/zero'],
    expectCode: 2,
    stderr: /\/dev\/zero: no gctrace line in the first 64 MiB/,
    maxRssMiB: 200,
  },
  {
    name: 'endless zero bytes on stdin',
    args: ['gctrace', '-'],
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: no gctrace line in the first 64 MiB/,
    maxRssMiB: 200,
  },
  {
    name: 'garbled and truncated gc lines are counted, the good ones read',
    args: ['gctrace', '-'],
    stdin:
      REAL +
      'gc 11 @0.9s 0%: 0.1+0.2+0.3 ms clock, 0.1+BAD ms cpu\n' +
      'scav 99 KiB work (bg), garbage\n' +
      GC_LINE.slice(0, 60),
    expectCode: 0,
    stdout:
      /10 GC cycles[\s\S]*3 lines start like gctrace lines but do not read \(lines 24, 25, 26\)/,
  },
  {
    name: 'a 10 MiB line (no newline for 10 MiB) in the log',
    args: ['gctrace', '-', '--cycles', '0'],
    stdin: 'hello\n' + 'x'.repeat(10 << 20) + '\n' + REAL,
    expectCode: 0,
    stdout: /10 GC cycles[\s\S]*1 lines over 4 KiB skipped unread/,
    maxRssMiB: 200,
  },
  {
    name: 'endless gctrace lines (a FIFO fed by yes): partial result after --max-bytes',
    args: ['gctrace', '{dir}/endless.fifo', '--max-bytes', '8MiB', '--cycles', '1'],
    setup: endlessFifo,
    expectCode: 0,
    stdout: /only the first 8 MiB read \(--max-bytes\); the rest is not counted/,
    maxRssMiB: 200,
  },
  {
    name: 'a FIFO',
    args: ['gctrace', '{dir}/log.fifo', '--json'],
    setup: fifoWith(REAL),
    expectCode: 0,
    stdout: /"cycles": 10,/,
  },
  {
    name: 'a log file copied while written: last line cut',
    args: ['gctrace', '{dir}/cut.log', '--cycles', '0'],
    setup: (d) => writeFileSync(join(d, 'cut.log'), REAL + GC_LINE.slice(0, 90)),
    expectCode: 0,
    stdout: /1 lines start like gctrace lines but do not read \(lines 24\)/,
  },
  {
    name: 'a bad --max-bytes',
    args: ['gctrace', LOG, '--max-bytes', 'lots'],
    expectCode: 2,
    stderr: /--max-bytes wants a size/,
  },
  {
    name: 'a container log (CRI prefix) with the program restarted',
    args: ['gctrace', '{dir}/pod.log', '--cycles', '0'],
    setup: (d) => {
      const cri = REAL.split('\n')
        .filter(Boolean)
        .map((l) => `2026-12-06T07:00:00.000000001Z stderr F ${l}`)
        .join('\n');
      writeFileSync(join(d, 'pod.log'), `${cri}\n${cri}\n`);
    },
    expectCode: 0,
    stdout: /20 GC cycles[\s\S]*cycle numbers start again 1 times/,
  },
];

hostileSuite('gctrace', cases);
