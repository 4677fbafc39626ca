// bench run's line scanner on its command's output: lines split anywhere across chunks
// (inside a UTF-8 sequence too) give the same packages and result count as whole text; CRLF
// and a missing last newline are handled; an endless line is skipped without being held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GoTestOutputScanner } from '../../src/formats/go-test-output.js';

const OUTPUT = [
  'goos: linux',
  'pkg: example.com/a',
  'BenchmarkÜber-8 \t 1000\t 12 ns/op',
  'BenchmarkX-8',
  '--- BENCH: BenchmarkX-8',
  'pkg: example.com/a',
  'pkg: example.com/b\r',
  'BenchmarkY 5 1 B/op\r',
  'PASS',
  'pkg: example.com/c',
].join('\n'); // no newline at the end

function scan(chunks: Uint8Array[]): GoTestOutputScanner {
  const s = new GoTestOutputScanner();
  for (const c of chunks) s.push(c);
  s.end();
  return s;
}

test('packages and results are the same however the output is chunked', () => {
  const bytes = new TextEncoder().encode(OUTPUT);
  const whole = scan([bytes]);
  assert.deepEqual(whole.packages, ['example.com/a', 'example.com/b', 'example.com/c']);
  assert.equal(whole.results, 2);
  assert.equal(whole.bytes, bytes.length);
  for (let size = 1; size <= 17; size++) {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
    const s = scan(chunks);
    assert.deepEqual(s.packages, whole.packages, `chunks of ${size}`);
    assert.equal(s.results, whole.results, `chunks of ${size}`);
  }
});

test('a line longer than 64 KiB is skipped, and the next line still counts', () => {
  const s = new GoTestOutputScanner();
  const junk = new Uint8Array(1 << 16).fill(66); // "BBBB...": never ends with a newline
  for (let i = 0; i < 64; i++) s.push(junk); // 4 MiB of one line
  s.push(new TextEncoder().encode('\npkg: example.com/after\nBenchmarkZ 1 2 ns/op\n'));
  s.end();
  assert.deepEqual(s.packages, ['example.com/after']);
  assert.equal(s.results, 1);
});
