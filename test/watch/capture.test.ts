import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAPTURE_FORMAT, parseCapture, type CaptureHeader } from '../../src/formats/capture.js';
import { openCaptureWriter } from '../../src/sources/capture-writer.js';
import { ParseError } from '../../src/model/errors.js';

const header: CaptureHeader = {
  type: 'header',
  format: CAPTURE_FORMAT,
  version: 1,
  startedAt: 1,
  target: { pid: 1 },
  intervalMs: 1000,
  profileEveryMs: 30_000,
};

function write(records: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-cap-'));
  const path = join(dir, 'c.ndjson');
  const w = openCaptureWriter(path, header);
  for (let i = 0; i < records; i++) w.append({ type: 'sample', t: 1000 * i, cgroup: { usage: i } });
  w.append({
    type: 'profile',
    t: 5,
    kind: 'heap',
    reason: 'first',
    encoding: 'base64',
    data: 'AAEC',
  });
  w.close();
  return path;
}

test('writer and reader round-trip every record type', () => {
  const path = write(5);
  try {
    const r = parseCapture(readFileSync(path));
    assert.equal(r.kind, 'capture');
    if (r.kind !== 'capture') return;
    assert.equal(r.capture.samples.length, 5);
    assert.deepEqual(
      r.capture.samples.map((s) => s.cgroup?.usage),
      [0, 1, 2, 3, 4],
    );
    assert.equal(r.capture.profiles.length, 1);
    assert.deepEqual(r.capture.notes, []);
  } finally {
    rmSync(join(path, '..'), { recursive: true });
  }
});

test('the writer refuses to overwrite an existing capture', () => {
  const path = write(1);
  try {
    assert.throws(() => openCaptureWriter(path, header), /EEXIST/);
  } finally {
    rmSync(join(path, '..'), { recursive: true });
  }
});

test('a truncated last record is dropped with a note; a garbled middle one is skipped', () => {
  const path = write(3);
  try {
    appendFileSync(path, '{"type":"sample","t":9000,"cgr');
    const r = parseCapture(readFileSync(path, 'utf8'));
    assert.equal(r.kind, 'capture');
    if (r.kind !== 'capture') return;
    assert.equal(r.capture.samples.length, 3);
    assert.match(r.capture.notes[0], /line 6: truncated last record ignored/);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(2, 0, 'not json');
    const g = parseCapture(lines.join('\n'));
    assert.equal(
      g.kind === 'capture' && g.capture.notes.some((n) => /line 3: garbled record skipped/.test(n)),
      true,
    );
  } finally {
    rmSync(join(path, '..'), { recursive: true });
  }
});

test('not a capture is unrecognized; a newer version is a clear error', () => {
  assert.equal(parseCapture('hello\n').kind, 'unrecognized');
  assert.equal(parseCapture(new Uint8Array([0x1f, 0x8b, 0, 0])).kind, 'unrecognized');
  assert.equal(parseCapture('').kind, 'unrecognized');
  assert.throws(() => parseCapture(JSON.stringify({ ...header, version: 99 })), ParseError);
});

test('a profile record whose data is not base64 is dropped with a note', () => {
  const rec = (data: string) =>
    JSON.stringify({
      type: 'profile',
      t: 5,
      kind: 'heap',
      reason: 'first',
      encoding: 'base64',
      data,
    });
  const r = parseCapture(
    [JSON.stringify(header), rec('H4sI'), rec('not base64!'), rec('QQ=')].join('\n'),
  );
  assert.equal(r.kind, 'capture');
  if (r.kind !== 'capture') return;
  assert.equal(r.capture.profiles.length, 1);
  assert.deepEqual(r.capture.notes, [
    'line 3: profile.data: not base64; record skipped',
    'line 4: profile.data: not base64; record skipped',
  ]);
});

test("a memstats record is checked like a snapshot's MemStats", () => {
  const rec = (memstats: unknown) =>
    JSON.stringify({ type: 'memstats', t: 5, reason: 'first', memstats });
  const r = parseCapture(
    [JSON.stringify(header), rec({ HeapAlloc: 1, NumGC: 2 }), rec({ HeapAlloc: 'lots' })].join(
      '\n',
    ),
  );
  assert.equal(r.kind === 'capture' && r.capture.memstats.length, 1);
  assert.deepEqual(r.kind === 'capture' && r.capture.notes, [
    'line 3: memstats.memstats.HeapAlloc: expected a finite number, got a string "lots"; record skipped',
  ]);
});

test('fuzz: any text after a valid header reads or fails with ParseError, never crashes', async () => {
  const fc = (await import('fast-check')).default;
  const head = JSON.stringify(header);
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), fc.json()), { maxLength: 20 }), (lines) => {
      try {
        const r = parseCapture([head, ...lines].join('\n'));
        assert.equal(r.kind, 'capture');
      } catch (err) {
        assert.ok(err instanceof ParseError, String(err));
      }
    }),
    { numRuns: 300 },
  );
});

test('fuzz: the report data builds from any capture the reader accepts', async () => {
  const fc = (await import('fast-check')).default;
  const { buildReportData } = await import('../../src/report/html/report-data.js');
  const { postMortem } = await import('../../src/analysis/postmortem.js');
  const head = JSON.stringify(header);
  const value = fc.oneof(
    fc.double(),
    fc.string(),
    fc.constant(null),
    fc.array(fc.double(), { maxLength: 3 }),
  );
  const group = fc.dictionary(
    fc.constantFrom(
      'usage',
      'workingSet',
      'limit',
      'rss',
      'heapInuse',
      'numGC',
      'pauses',
      'events',
      'live',
    ),
    value,
  );
  const sample = fc.record({
    type: fc.constant('sample'),
    t: fc.oneof(fc.integer(), fc.string()),
    cgroup: group,
    proc: group,
    go: group,
  });
  fc.assert(
    fc.property(fc.array(sample, { maxLength: 30 }), (samples) => {
      const r = parseCapture([head, ...samples.map((x) => JSON.stringify(x))].join('\n'));
      if (r.kind !== 'capture') return;
      const pm = postMortem(r.capture);
      JSON.stringify(buildReportData(r.capture, pm));
    }),
    { numRuns: 300 },
  );
});

test('shmem is carried per sample; a capture written without it still reads and forecasts', async () => {
  const { forecast } = await import('../../src/analysis/forecast.js');
  const line = (o: object) => JSON.stringify(o) + '\n';
  const sample = (t: number, shmem?: number) =>
    line({
      type: 'sample',
      t: t * 1000,
      cgroup: { usage: 60e6 + t * 4e6, file: t * 4e6, ...(shmem === undefined ? {} : { shmem }) },
      go: { heapInuse: 10e6 },
    });
  const text = (withShmem: boolean) =>
    line(header) +
    Array.from({ length: 30 }, (_, t) => sample(t, withShmem ? t * 4e6 : undefined)).join('');
  const now = parseCapture(text(true));
  const old = parseCapture(text(false));
  assert.ok(now.kind === 'capture' && old.kind === 'capture');
  assert.equal(now.capture.samples[29].cgroup?.shmem, 116e6);
  assert.equal(old.capture.samples[29].cgroup?.shmem, undefined);
  assert.equal(forecast(now.capture.samples).kind, 'shmem');
  assert.equal(forecast(old.capture.samples).kind, 'page-cache', 'without shmem: as before');
  const real = parseCapture(readFileSync('testdata/watch/leaky-oom.ndjson'));
  assert.ok(real.kind === 'capture');
  assert.equal(forecast(real.capture.samples.filter((s) => s.go)).kind, 'leak');
});
