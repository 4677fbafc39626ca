import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBreakdown } from '../../src/analysis/breakdown.js';
import {
  findLine,
  unflaggedExcess,
  type BreakdownLine,
} from '../../src/analysis/breakdown-line.js';
import { MiB, UNLIMITED } from '../../src/model/units.js';
import {
  CG_DIR,
  LIMIT_FILE,
  memstats,
  PID,
  snapshot,
  VARS,
  type Spec,
} from './snapshot-builder.js';

function tree(spec: Spec = {}): BreakdownLine {
  return buildBreakdown(snapshot(spec)).root;
}

function get(root: BreakdownLine, id: string): BreakdownLine {
  const l = findLine(root, id);
  assert.ok(l, `line ${id} missing`);
  return l;
}

const partsSum = (l: BreakdownLine) =>
  l.children.filter((c) => c.relation === 'part').reduce((s, c) => s + (c.bytes ?? 0), 0);

test('the chain from the limit down to the live heap, each line citing its source', () => {
  const root = tree();
  const ms = memstats();
  assert.equal(root.id, 'limit');
  assert.equal(root.bytes, 512 * MiB);
  assert.equal(root.source, LIMIT_FILE);
  const usage = get(root, 'usage');
  assert.equal(usage.source, `${CG_DIR}/memory.usage_in_bytes`);
  const ws = get(root, 'working-set');
  assert.equal(ws.bytes, usage.bytes! - 15 * MiB);
  assert.equal(get(root, 'inactive-file').source, `${CG_DIR}/memory.stat total_inactive_file`);
  assert.equal(get(root, 'page-cache-active').bytes, 8 * MiB);
  assert.equal(get(root, 'rss').source, `/proc/${PID}/status VmRSS`);
  assert.equal(get(root, 'rss.anon.lazyfree').source, `/proc/${PID}/smaps_rollup LazyFree`);
  const go = get(root, 'go');
  assert.equal(go.bytes, ms.Sys - ms.HeapReleased);
  assert.equal(get(root, 'go.heap-inuse').source, `${VARS} memstats.HeapInuse`);
  assert.equal(get(root, 'go.heap-idle-unreleased').bytes, ms.HeapIdle - ms.HeapReleased);
  assert.equal(get(root, 'go.gc-metadata').bytes, ms.GCSys + ms.MSpanSys + ms.MCacheSys);
  assert.equal(get(root, 'go.other').bytes, ms.OtherSys + ms.BuckHashSys);
  assert.equal(get(root, 'go.heap-goal').bytes, ms.NextGC);
  assert.equal(get(root, 'go.live-heap').bytes, ms.HeapAlloc);
  assert.equal(get(root, 'go.sys').bytes, ms.Sys);
  assert.equal(get(root, 'go.released').bytes, ms.HeapReleased);
});

test('the lines add up: partitions are exact and nothing exceeds its parent unflagged', () => {
  const root = tree();
  assert.equal(
    partsSum(get(root, 'usage')),
    get(root, 'usage').bytes,
    'working set + inactive_file = usage',
  );
  assert.equal(
    partsSum(get(root, 'rss')),
    get(root, 'rss').bytes,
    'RssAnon + RssFile + RssShmem = VmRSS',
  );
  assert.equal(partsSum(get(root, 'go')), get(root, 'go').bytes, 'Go parts = Sys - HeapReleased');
  assert.equal(
    partsSum(get(root, 'rss.anon')),
    get(root, 'rss.anon').bytes,
    'Go + LazyFree + rest = RssAnon',
  );
  assert.deepEqual(unflaggedExcess(root), []);
  const flagged: string[] = [];
  const walk = (l: BreakdownLine) => (
    l.exceedsParent && flagged.push(l.id),
    l.children.forEach(walk)
  );
  walk(root);
  assert.deepEqual(flagged, []);
});

test('what the Go runtime does not explain: RSS - (Sys - HeapReleased), and usage outside the process', () => {
  const ms = memstats();
  const root = tree({ procs: [PID, 7, 8] });
  const rss = get(root, 'rss').bytes!;
  assert.equal(get(root, 'rss.not-go').bytes, rss - (ms.Sys - ms.HeapReleased));
  const outside = get(root, 'outside-process');
  assert.equal(outside.bytes, get(root, 'usage').bytes! - rss);
  assert.match(outside.note ?? '', /2 other process\(es\)/);
  const notListed = get(tree({ procs: [7, 8, 9] }), 'outside-process');
  assert.match(
    notListed.note ?? '',
    /3 other process\(es\)/,
    'the process itself is not among them',
  );
});

test('MADV_FREE: RSS above the working set is flagged with the model reason', () => {
  const root = tree({ lazyFree: 200 * MiB, stat: { inactiveFile: 215 * MiB } });
  const rss = get(root, 'rss');
  assert.ok(rss.bytes! > get(root, 'working-set').bytes!);
  assert.match(rss.exceedsParent ?? '', /LazyFree/);
  assert.deepEqual(unflaggedExcess(root), []);
});

test('Go mapped memory above RssAnon (untouched pages) is flagged', () => {
  const ms = memstats();
  const root = tree({ status: { rssAnon: ms.Sys - ms.HeapReleased - 20 * MiB } });
  assert.match(get(root, 'go').exceedsParent ?? '', /never touched/);
  assert.equal(get(root, 'rss.anon.not-go').bytes, 0);
  assert.deepEqual(unflaggedExcess(root), []);
});

test('usage above the limit (readings at different instants) is flagged generically', () => {
  const root = tree({ limit: 100 * MiB });
  assert.match(get(root, 'usage').exceedsParent ?? '', /different instants/);
  assert.deepEqual(unflaggedExcess(root), []);
});

test('missing layers keep their place with a note', () => {
  const noCg = tree({ without: ['cgroup'] });
  assert.equal(noCg.bytes, null);
  assert.match(noCg.note ?? '', /not measured/);
  assert.equal(get(noCg, 'rss').bytes !== null, true, 'the process layer is still there');
  const noRt = tree({ without: ['runtime'] });
  assert.equal(get(noRt, 'go').bytes, null);
  assert.match(get(noRt, 'go').note ?? '', /no Go runtime endpoint/);
  assert.equal(findLine(noRt, 'rss.not-go'), undefined);
  const noProc = tree({ without: ['status', 'smaps'] });
  assert.match(get(noProc, 'rss').note ?? '', /status unreadable: permission denied/);
  assert.notEqual(get(noProc, 'go').bytes, null, 'Go numbers survive a missing /proc');
  const noStat = tree({ without: ['stat'] });
  assert.match(get(noStat, 'working-set').note ?? '', /memory.stat not found/);
  const unlimited = tree({ limit: UNLIMITED });
  assert.equal(unlimited.bytes, null);
  assert.match(unlimited.note ?? '', /no memory limit/);
});

test('Go numbers from Prometheus when expvar is absent; go_gc_heap_live_bytes preferred', () => {
  const ms = memstats();
  const prom = {
    heapLiveBytes: 80 * MiB,
    memstats: {
      sys_bytes: ms.Sys,
      heap_alloc_bytes: ms.HeapAlloc,
      heap_inuse_bytes: ms.HeapInuse,
      heap_idle_bytes: ms.HeapIdle,
      heap_released_bytes: ms.HeapReleased,
      stack_sys_bytes: ms.StackSys,
      gc_sys_bytes: ms.GCSys,
      mspan_sys_bytes: ms.MSpanSys,
      mcache_sys_bytes: ms.MCacheSys,
      other_sys_bytes: ms.OtherSys,
      buck_hash_sys_bytes: ms.BuckHashSys,
      next_gc_bytes: ms.NextGC,
    },
  };
  const root = tree({ without: ['memstats'], prom });
  assert.equal(get(root, 'go.heap-inuse').source, 'go_memstats_heap_inuse_bytes');
  assert.equal(get(root, 'go').bytes, ms.Sys - ms.HeapReleased);
  assert.equal(get(root, 'go.live-heap').bytes, 80 * MiB);
  assert.equal(get(root, 'go.live-heap').source, 'go_gc_heap_live_bytes');
  const partial = tree({ without: ['memstats'], prom: { memstats: { sys_bytes: 1 } } });
  assert.match(get(partial, 'go').note ?? '', /lacks go_memstats_heap_alloc_bytes/);
});

test('the report is JSON-serialisable and lists what is missing', async () => {
  const { analyzeSnapshot } = await import('../../src/analysis/diagnose.js');
  const r = analyzeSnapshot(snapshot({ without: ['smaps'] }));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  assert.ok(r.missing.includes(`${CG_DIR}/memory.events not found (cgroup v1?)`));
  assert.ok(r.missing.includes(`/proc/${PID}/smaps_rollup not found (Linux < 4.14?)`));
  const bare = analyzeSnapshot({ takenAt: 'x', target: {}, notes: ['process 1 exited mid-read'] });
  assert.ok(bare.missing.includes('no process observed (no --pid)'));
  assert.ok(bare.missing.includes('process 1 exited mid-read'));
  assert.equal(bare.breakdown.root.bytes, null);
});

test('shmem (tmpfs, shared memory) has its own line in the working set, citing memory.stat', () => {
  const v1 = tree({ stat: { shmem: 12 * MiB } });
  const line = get(v1, 'shmem');
  assert.equal(line.bytes, 12 * MiB);
  assert.equal(line.source, `${CG_DIR}/memory.stat total_shmem`);
  assert.equal(line.relation, 'reference', 'may overlap RssShmem: shown, not summed');
  assert.ok(get(v1, 'working-set').children.includes(line));
  assert.equal(
    get(tree({ version: 2, stat: { shmem: 0 } }), 'shmem').source,
    `${CG_DIR}/memory.stat shmem`,
  );
  assert.equal(findLine(tree(), 'shmem'), undefined, 'no line when memory.stat has no shmem');
  assert.deepEqual(unflaggedExcess(v1), []);
});
