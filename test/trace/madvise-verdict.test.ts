// Which advice a binary returns memory with (Go version x GODEBUG), and what the verdict says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedAdvice, madviseVerdict } from '../../src/analysis/madvise-verdict.js';
import { MadviseTally } from '../../src/analysis/madvise-tally.js';
import type { MadviseCall } from '../../src/model/madvise.js';

const src = (value: string) => ({ value, source: 'test' });
const ctx = (go?: string, godebug: Record<string, string> = {}) => ({
  ...(go ? { goVersion: src(go) } : {}),
  godebug: Object.fromEntries(Object.entries(godebug).map(([k, v]) => [k, src(v)])),
});

test('expected advice: Go version and GODEBUG madvdontneed', () => {
  const cases: [string | undefined, Record<string, string>, number | undefined, string?][] = [
    ['go1.26.8', {}, 4, 'go-1.16-default'],
    ['go1.26.8', { madvdontneed: '1' }, 4, 'go-1.16-default'],
    ['go1.26.8', { madvdontneed: '0' }, 8, 'madvdontneed-0'],
    ['go1.16', {}, 4, 'go-1.16-default'],
    ['go1.15.15', {}, 8, 'go-1.12-default'],
    ['go1.15.15', { madvdontneed: '1' }, 4, 'madvdontneed-1'],
    ['go1.11.13', { madvdontneed: '0' }, 4, 'go-before-1.12'],
    [undefined, { madvdontneed: '0' }, 8, 'madvdontneed-0'],
    [undefined, {}, undefined],
  ];
  for (const [go, godebug, advice, cause] of cases) {
    const e = expectedAdvice(ctx(go, godebug));
    assert.equal(e?.advice, advice, `${go} ${JSON.stringify(godebug)}`);
    assert.equal(e?.cause, cause, `${go} ${JSON.stringify(godebug)}`);
  }
});

const call = (advice: number, bytes: number, result = 'ok'): MadviseCall => ({
  tid: 1,
  advice,
  bytes,
  result,
  stack: [],
});

function verdict(calls: MadviseCall[], go: string, godebug: Record<string, string> = {}) {
  const t = new MadviseTally();
  calls.forEach((c) => t.add(c));
  return madviseVerdict(t.totals(), { ...ctx(go, godebug), smapsSource: '/proc/1/smaps_rollup' });
}

test('verdict: MADV_DONTNEED drops RSS; MADV_FREE stays as LazyFree; unexpected advice is said', () => {
  const kinds = (v: ReturnType<typeof verdict>) => v.notes.map((n) => n.kind);
  assert.deepEqual(kinds(verdict([call(4, 1 << 20)], 'go1.26.8')), ['rss-dropped']);
  const free = verdict([call(8, 1 << 20)], 'go1.26.8', { madvdontneed: '0' });
  assert.deepEqual(kinds(free), ['lazy-free']);
  assert.equal(free.freeBytes, 1 << 20);
  const odd = verdict([call(8, 4096)], 'go1.26.8');
  assert.deepEqual(odd.notes[1], { kind: 'unexpected-advice', expected: 4, seen: 8, bytes: 4096 });
  assert.deepEqual(kinds(verdict([], 'go1.26.8')), ['nothing-returned']);
});

test('verdict: failed calls release nothing; huge-page advice by Go version and disablethp', () => {
  const v = verdict(
    [call(4, 8192), call(4, 8192, 'EINVAL'), call(25, 1 << 21, 'EAGAIN')],
    'go1.21.3',
  );
  assert.equal(v.dontneedBytes, 8192);
  assert.deepEqual(
    v.notes.filter((n) => n.kind === 'hugepages'),
    [{ kind: 'hugepages', advice: 25, calls: 1, heapMarked: true }],
  );
  const thp = verdict([call(15, 1 << 22)], 'go1.26.8', { disablethp: '1' });
  assert.deepEqual(thp.notes.at(-1), {
    kind: 'hugepages',
    advice: 15,
    calls: 1,
    heapMarked: false,
    disablethp: '1',
  });
});
