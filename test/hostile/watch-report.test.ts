// Hostile inputs for watch, report, diagnose (--snapshot, --capture, --save-snapshot, --url),
// ps and pprof: each gives its documented exit code, one stderr line on exit 2, no stack
// trace, and a bounded peak RSS (docs/watch.md, docs/diagnose-json.md, docs/pprof.md).
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { hostileSuite, type HostileCase } from './support.js';
import { goSkipReason, startScenario, type RunningScenario } from '../support/go-scenario.js';

const CAPTURE = readFileSync('testdata/watch/leaky-oom.ndjson', 'utf8').trimEnd().split('\n');
const HEADER = CAPTURE[0];
const SNAPSHOT = JSON.parse(readFileSync('testdata/snapshots/demo.json', 'utf8')) as Record<
  string,
  any // eslint-disable-line @typescript-eslint/no-explicit-any
>;
const SAMPLES = CAPTURE.filter((l) => l.includes('"type":"sample"'));
const SECRET = 's3cretPassw0rd';

/** A capture: the real header, then these lines. */
function capture(lines: readonly string[]): string {
  return [HEADER, ...lines].join('\n') + '\n';
}

/** 1 GiB of zeros in 1 MiB: 16 gzip members of 64 MiB each (gunzip reads every member). */
let bombCache: Buffer | undefined;
function bomb(): Buffer {
  bombCache ??= Buffer.concat(Array<Buffer>(16).fill(gzipSync(Buffer.alloc(64 << 20))));
  return bombCache;
}

function profileRecord(t: number, data: Buffer): string {
  const fields = { type: 'profile', t, kind: 'heap', reason: 'cadence', encoding: 'base64' };
  return JSON.stringify({ ...fields, data: data.toString('base64') });
}

function mutated(mutate: (s: typeof SNAPSHOT) => void): string {
  const s = structuredClone(SNAPSHOT);
  mutate(s);
  return JSON.stringify(s);
}

function write(name: string, text: string | Buffer) {
  return (dir: string) => writeFileSync(join(dir, name), text);
}

/** A FIFO with a writer that puts `text` in and closes (read like cat reads it). */
function fifoWithWriter(name: string, text: string) {
  return (dir: string) => {
    spawnSync('mkfifo', [join(dir, name)]);
    // The writer blocks in open() until the command opens the FIFO: it must not hold our pipes.
    const writer = spawn('sh', ['-c', 'printf "%s" "$1" > "$0"', join(dir, name), text], {
      stdio: 'ignore',
      detached: true,
    });
    writer.unref();
  };
}

/** A 1 GiB sparse file that begins with a capture header. */
function sparseCapture(dir: string): void {
  const fd = openSync(join(dir, 'sparse.ndjson'), 'w');
  writeSync(fd, HEADER + '\n');
  closeSync(fd);
  spawnSync('truncate', ['-s', '1G', join(dir, 'sparse.ndjson')]);
}

const ONE_LINE = /^gomemlens \w+: [^\n]+\n$/;

// A root-owned Go process for the permission cases, started by this file.
let svc: RunningScenario | undefined;
const goSkip = goSkipReason('steady');
if (!goSkip) {
  svc = await startScenario('steady', { args: ['-retain', '4MiB'] });
  after(() => svc?.stop());
}
const PID = String(svc?.pid ?? 0);
const URL_WITH_SECRET = svc?.url?.replace('http://', `http://gomemlens:${SECRET}@`) ?? '';

function noSecret(dir: string, r: { stdout: string; stderr: string }, files: string[] = []) {
  assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'password printed');
  for (const f of files)
    assert.ok(!readFileSync(join(dir, f), 'utf8').includes(SECRET), `password stored in ${f}`);
}

const report: HostileCase[] = [
  { name: 'report DIR', args: ['report', '{dir}'], expectCode: 2, stderr: /is a directory/ },
  {
    name: 'report -o /nonexistent/x.html',
    args: ['report', 'c.ndjson', '-o', '/nonexistent/x.html'],
    setup: write('c.ndjson', capture(SAMPLES)),
    expectCode: 2,
    stderr: /cannot write \/nonexistent\/x.html: no such file or directory/,
  },
  {
    name: 'report -o into a directory it may not write (as nobody): original untouched',
    args: ['report', '{dir}/c.ndjson', '-o', '{dir}/ro/r.html'],
    setup: (dir) => {
      write('c.ndjson', capture(SAMPLES))(dir);
      mkdirSync(join(dir, 'ro'));
      writeFileSync(join(dir, 'ro', 'r.html'), 'old');
      chmodSync(join(dir, 'ro'), 0o755);
    },
    asNobody: true,
    expectCode: 2,
    stderr: /cannot write .*r\.html: permission denied/,
    after: (dir) => assert.equal(readFileSync(join(dir, 'ro', 'r.html'), 'utf8'), 'old'),
  },
  { name: 'report /dev/zero', args: ['report', '/dev/zero'], expectCode: 2, stderr: /not a/ },
  {
    name: 'report - with /dev/zero as stdin',
    args: ['report', '-', '--json'],
    stdin: 'dev-zero',
    expectCode: 2,
    stderr: /stdin: not a gomemlens capture/,
  },
  {
    name: 'report - with an endless pipe',
    args: ['report', '-', '-o', 'r.html'],
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: not a gomemlens capture/,
  },
  {
    name: 'report - without -o is a usage error',
    args: ['report', '-'],
    expectCode: 2,
    stderr: /give -o/,
  },
  {
    name: 'report of an empty file',
    args: ['report', 'e.ndjson'],
    setup: write('e.ndjson', ''),
    expectCode: 2,
    stderr: /not a gomemlens capture/,
  },
  {
    name: 'report of binary garbage',
    args: ['report', 'g.ndjson'],
    setup: write(
      'g.ndjson',
      Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 256)),
    ),
    expectCode: 2,
    stderr: /not a gomemlens capture/,
  },
  {
    name: 'report of a truncated gzip',
    args: ['report', 't.ndjson.gz'],
    setup: write('t.ndjson.gz', gzipSync(capture(SAMPLES)).subarray(0, 500)),
    expectCode: 2,
    stderr: /not a gomemlens capture/,
  },
  {
    name: 'report of a 1 GiB sparse file after a header',
    args: ['report', 'sparse.ndjson'],
    setup: sparseCapture,
    expectCode: 2,
    stderr: /larger than 400 MiB/,
  },
  {
    name: 'report of a capture whose header is fine and records garbage',
    args: ['report', 'c.ndjson'],
    setup: write('c.ndjson', capture(['{"type":"sample"', 'xx', '[1,2]', '{"type":7}', 'null'])),
    expectCode: 2,
    stderr: /no valid samples/,
  },
  {
    name: 'report of NDJSON with wrong types',
    args: ['report', 'c.ndjson', '--json'],
    setup: write(
      'c.ndjson',
      capture([
        '{"type":"sample","t":"now","cgroup":{"usage":"x"}}',
        '{"type":"sample","t":1764108682000,"cgroup":"x","proc":[1],"go":{"pauses":"x"}}',
        '{"type":"finding","t":1764108682000,"finding":{"code":"no-such-code"}}',
        '{"type":"profile","t":1764108682000,"kind":"heap","data":7}',
        '{"type":"snapshot","t":1764108682000,"reason":"x","snapshot":{"takenAt":3}}',
      ]),
    ),
    expectCode: 0,
    stdout: /"sampleCount":1\b/,
  },
  {
    name: 'report of a capture with 1e308 timestamps only',
    args: ['report', 'c.ndjson'],
    setup: write('c.ndjson', capture(SAMPLES.map((l) => l.replace(/"t":\d+/, '"t":1e308')))),
    expectCode: 2,
    stderr: /no valid samples \(line 2: sample\.t: not a time/,
  },
  {
    name: 'report of a capture with some 1e308 timestamps: dropped with a note',
    args: ['report', 'c.ndjson', '--json'],
    setup: write(
      'c.ndjson',
      capture(SAMPLES.map((l, i) => (i % 2 ? l.replace(/"t":\d+/, '"t":1e308') : l))),
    ),
    expectCode: 0,
    after: (_dir, r) => {
      const data = JSON.parse(r.stdout) as { memory: { t: number[] }; notes: string[] };
      assert.ok(
        data.memory.t.every((t) => t < 8.64e12),
        'only real times are charted',
      );
      assert.ok(data.notes.some((n) => /not a time/.test(n)));
    },
  },
  {
    name: 'report of a capture holding gzip-bomb heap profiles',
    args: ['report', 'c.ndjson', '-o', 'r.html'],
    setup: (dir) =>
      write(
        'c.ndjson',
        capture([...SAMPLES, ...[1, 2, 3, 4].map((i) => profileRecord(1764108682000 + i, bomb()))]),
      )(dir),
    expectCode: 0,
    maxRssMiB: 300,
    timeoutMs: 60_000,
    after: (dir) => {
      const html = readFileSync(join(dir, 'r.html'), 'utf8');
      assert.match(html, /heap profile at [^"]* left out: inflates to more than 32 MiB/);
    },
  },
  {
    name: 'report and diagnose of an old capture that stored a password in its URLs',
    args: ['report', 'c.ndjson', '-o', 'r.html'],
    setup: write(
      'c.ndjson',
      CAPTURE.map((l) => l.replaceAll('http://127.0.0.1:', `http://u:${SECRET}@127.0.0.1:`)).join(
        '\n',
      ),
    ),
    expectCode: 0,
    after: (dir, r) => {
      assert.ok(readFileSync(join(dir, 'c.ndjson'), 'utf8').includes(SECRET), 'the input has it');
      noSecret(dir, r, ['r.html']);
      const d = spawnSync(process.execPath, [
        'bin/gomemlens.js',
        'diagnose',
        '--capture',
        join(dir, 'c.ndjson'),
        '--json',
      ]);
      assert.equal(d.status, 0, String(d.stderr));
      noSecret(dir, { stdout: String(d.stdout), stderr: String(d.stderr) });
    },
  },
  {
    name: 'report of a capture from a newer version',
    args: ['report', 'c.ndjson'],
    setup: write('c.ndjson', HEADER.replace('"version":1', '"version":99') + '\n'),
    expectCode: 2,
    stderr: /newer than this reader/,
  },
  {
    name: 'report of a FIFO given by name (read like cat reads it)',
    args: ['report', 'f.ndjson'],
    setup: fifoWithWriter('f.ndjson', 'not a capture\n'),
    expectCode: 2,
    stderr: /not a gomemlens capture/,
  },
];

const snapshotJson = (text: string) => write('s.json', text);
const diagnose: HostileCase[] = [
  {
    name: 'diagnose --capture /dev/zero',
    args: ['diagnose', '--capture', '/dev/zero'],
    expectCode: 2,
    stderr: /not a gomemlens capture/,
  },
  {
    name: 'diagnose --capture DIR',
    args: ['diagnose', '--capture', '{dir}'],
    expectCode: 2,
    stderr: /is a directory/,
  },
  {
    name: 'diagnose --capture whose snapshots are damaged (procs: {})',
    args: ['diagnose', '--capture', 'c.ndjson'],
    setup: write(
      'c.ndjson',
      capture(
        CAPTURE.slice(1).map((l) =>
          l.replace(
            /"procs":\{"status":"ok","value":\[[\d,]*\]/,
            '"procs":{"status":"ok","value":{}',
          ),
        ),
      ),
    ),
    expectCode: 2,
    stderr: /holds no valid snapshot \(.*procs\.value: expected an array/,
  },
  {
    name: 'diagnose --snapshot /dev/zero',
    args: ['diagnose', '--snapshot', '/dev/zero'],
    expectCode: 2,
    stderr: /larger than 16 MiB for a snapshot/,
  },
  {
    name: 'diagnose --snapshot - with an endless pipe',
    args: ['diagnose', '--snapshot', '-'],
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: larger than 16 MiB/,
  },
  {
    name: 'diagnose --snapshot of an empty file',
    args: ['diagnose', '--snapshot', 's.json'],
    setup: snapshotJson(''),
    expectCode: 2,
    stderr: /not a gomemlens snapshot/,
  },
  {
    name: 'diagnose --snapshot with "cgroup": null reads as no cgroup',
    args: ['diagnose', '--snapshot', 's.json'],
    setup: snapshotJson(mutated((s) => (s.cgroup = null))),
    expectCode: 0,
  },
  {
    name: 'diagnose --snapshot with "binary": null reads as no binary',
    args: ['diagnose', '--snapshot', 's.json'],
    setup: snapshotJson(mutated((s) => (s.binary = null))),
    expectCode: 0,
  },
  {
    name: 'diagnose --snapshot with procs: {}',
    args: ['diagnose', '--snapshot', 's.json'],
    setup: snapshotJson(mutated((s) => (s.cgroup.value.procs.value = {}))),
    expectCode: 2,
    stderr: /snapshot\.cgroup\.value\.procs\.value: expected an array, got an object/,
  },
  {
    name: 'diagnose --snapshot with a 1e400 number',
    args: ['diagnose', '--snapshot', 's.json'],
    setup: snapshotJson(
      mutated((s) => (s.cgroup.value.usage.value = 7)).replace('"value":7', '"value":1e400'),
    ),
    expectCode: 2,
    stderr: /usage\.value: expected a finite number/,
  },
  {
    name: 'diagnose --save-snapshot /nonexistent/x.json',
    args: ['diagnose', '--snapshot', 's.json', '--save-snapshot', '/nonexistent/x.json'],
    setup: snapshotJson(JSON.stringify(SNAPSHOT)),
    expectCode: 2,
    stderr: /cannot write \/nonexistent\/x.json/,
  },
  {
    name: 'diagnose --timeout 99999999999999s',
    args: ['diagnose', '--url', 'http://127.0.0.1:1', '--timeout', '99999999999999s'],
    expectCode: 2,
    stderr: /--timeout is at most 24h/,
  },
  {
    name: 'diagnose --url with a password: used, never printed or saved',
    args: ['diagnose', '--url', URL_WITH_SECRET, '--json', '--save-snapshot', 's.json'],
    skip: goSkip,
    expectCode: 0,
    stdout: /"status": "ok"/,
    after: (dir, r) => noSecret(dir, r, ['s.json']),
  },
  {
    name: 'diagnose --url that does not parse, with a password',
    args: ['diagnose', '--url', `http://u:${SECRET}@[bad`],
    expectCode: 2,
    after: noSecret,
  },
  {
    name: 'diagnose --pid of a root-owned Go process as nobody names the permission error',
    args: ['diagnose', '--pid', PID],
    skip: goSkip,
    asNobody: true,
    expectCode: 0,
    stdout: /cannot read \/proc\/\d+\/fd: permission denied \(run as the process's user or root\)/,
  },
];

const others: HostileCase[] = [
  {
    name: 'ps as nobody names the permission error',
    args: ['ps'],
    skip: goSkip,
    asNobody: true,
    expectCode: 0,
    stdout: /no Go processes found among the processes this user can read/,
    stderr: /processes not inspected: cannot read \/proc\/PID\/exe: permission denied/,
  },
  {
    name: 'watch --duration 31d',
    args: ['watch', '--pid', '1', '--out', 'c.ndjson', '--duration', '31d'],
    expectCode: 2,
    stderr: /--duration wants a duration/,
  },
  {
    name: 'watch --duration 745h',
    args: ['watch', '--pid', '1', '--out', 'c.ndjson', '--duration', '745h'],
    expectCode: 2,
    stderr: /--duration is at most 30 days/,
  },
  {
    name: 'watch --interval 99999999999999s',
    args: ['watch', '--pid', '1', '--out', 'c.ndjson', '--interval', '99999999999999s'],
    expectCode: 2,
    stderr: /--interval is at most 24h/,
  },
  {
    name: 'watch --out in a directory that does not exist',
    args: ['watch', '--pid', PID, '--out', '/nonexistent/c.ndjson', '--duration', '1s'],
    skip: goSkip,
    expectCode: 2,
    stderr: /cannot create \/nonexistent\/c.ndjson: no such file or directory/,
  },
  {
    name: 'watch --url with a password: never printed, not in the capture or the report',
    args: ['watch', '--url', URL_WITH_SECRET, '--out', 'c.ndjson', '--duration', '2s'],
    skip: goSkip,
    expectCode: 0,
    timeoutMs: 20_000,
    after: (dir, r) => {
      const rep = spawnSync(process.execPath, [
        'bin/gomemlens.js',
        'report',
        join(dir, 'c.ndjson'),
      ]);
      assert.equal(rep.status, 0, String(rep.stderr));
      noSecret(dir, r, ['c.ndjson', 'c.html']);
      assert.match(
        readFileSync(join(dir, 'c.ndjson'), 'utf8'),
        /"url":"http:\/\/127\.0\.0\.1:\d+"/,
      );
    },
  },
  {
    name: 'pprof top /dev/zero stops at --max-size',
    args: ['pprof', 'top', '/dev/zero', '--max-size', '64MiB'],
    expectCode: 2,
    stderr: /\/dev\/zero: larger than 64 MiB for a profile/,
  },
  {
    name: 'pprof top /dev/zero at the default cap (512 MiB: documented)',
    args: ['pprof', 'top', '/dev/zero'],
    expectCode: 2,
    maxRssMiB: 640,
    stderr: /larger than 512 MiB/,
  },
  {
    name: 'pprof top - with an endless pipe',
    args: ['pprof', 'top', '-', '--max-size', '16MiB'],
    stdin: 'endless-pipe',
    expectCode: 2,
    stderr: /stdin: larger than 16 MiB/,
  },
  {
    name: 'pprof top DIR',
    args: ['pprof', 'top', '{dir}'],
    expectCode: 2,
    stderr: /is a directory/,
  },
  {
    name: 'pprof top of an empty file',
    args: ['pprof', 'top', 'p.pb.gz'],
    setup: write('p.pb.gz', ''),
    expectCode: 2,
  },
  {
    name: 'pprof top of a truncated gzip',
    args: ['pprof', 'top', 'p.pb.gz'],
    setup: (dir) => {
      const real = readFileSync('testdata/pprof/shapes-heap.pb.gz');
      write('p.pb.gz', real.subarray(0, real.length >> 1))(dir);
    },
    expectCode: 2,
    stderr: /gzip/,
  },
  {
    name: 'pprof top of a gzip bomb',
    args: ['pprof', 'top', 'p.pb.gz', '--max-size', '64MiB'],
    setup: (dir) => write('p.pb.gz', bomb())(dir),
    expectCode: 2,
    stderr: /exceeds the limit/,
  },
  {
    name: 'pprof diff - - is a usage error',
    args: ['pprof', 'diff', '-', '-'],
    expectCode: 2,
    stderr: /only one of BASE and NEW/,
  },
  {
    name: 'pprof top of a URL with a password that refuses',
    args: ['pprof', 'top', `http://u:${SECRET}@127.0.0.1:1/debug/pprof/heap`],
    expectCode: 2,
    stderr: /http:\/\/127\.0\.0\.1:1\/debug\/pprof\/heap: connection refused/,
    after: noSecret,
  },
];

for (const c of [...report, ...diagnose, ...others])
  if (c.expectCode === 2 && !c.stderr) Object.assign(c, { stderr: ONE_LINE });
hostileSuite('watch/report/diagnose/ps/pprof', [...report, ...diagnose, ...others]);
