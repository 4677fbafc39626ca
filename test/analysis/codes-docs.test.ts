// Every runtime finding code has wording and a docs/rules page, and every code can fire: a
// snapshot per code below makes it fire, and its message renders without holes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  FLEET_CODES,
  K8S_CODES,
  RUNTIME_CODES,
  WATCH_CODES,
  type RuntimeCode,
} from '../../src/model/codes/index.js';
import { MiB, UNLIMITED } from '../../src/model/units.js';
import { describeFinding } from '../../src/report/messages/index.js';
import { runtimeMessages } from '../../src/report/messages/runtime.js';
import { watchMessages } from '../../src/report/messages/watch.js';
import { fleetMessages } from '../../src/report/messages/fleet.js';
import { only } from './helpers.js';
import type { Spec } from './snapshot-builder.js';

const pauses = () => {
  const PauseNs = new Array(256).fill(100_000);
  PauseNs[0] = 30_000_000;
  return { PauseNs, NumGC: 256 };
};

const FIRING: Record<RuntimeCode, Spec> = {
  'gomemlimit-unset': {},
  'gomemlimit-above-limit': { env: { GOMEMLIMIT: '1GiB' } },
  'gomemlimit-too-close': { env: { GOMEMLIMIT: '500MiB' } },
  'gomemlimit-malformed': { env: { GOMEMLIMIT: '512Mi' } },
  'gomemlimit-tiny': { env: { GOMEMLIMIT: '512' } },
  'gogc-off-without-limit': { env: { GOGC: 'off' } },
  gcstoptheworld: { env: { GODEBUG: 'gcstoptheworld=2' } },
  'madv-free-rss': { env: { GODEBUG: 'madvdontneed=0' }, lazyFree: 64 * MiB },
  'gotraceback-oom': { env: { GOTRACEBACK: 'crash' } },
  'oom-killed': { version: 2, events: { oomKill: 4 } },
  'memory-high-throttling': { version: 2, high: 180 * MiB, usage: 175 * MiB, events: { high: 9 } },
  'gc-thrashing': {
    env: { GOMEMLIMIT: '150MiB' },
    memstats: { GCCPUFraction: 0.4, HeapAlloc: 99 * MiB },
  },
  'gc-pause-outlier': { memstats: pauses() },
  'rss-heap-gap': { lazyFree: 300 * MiB },
  'no-memory-limit': { limit: UNLIMITED },
  'not-a-go-binary': { goVersion: null, without: ['runtime'] },
};

for (const code of RUNTIME_CODES) {
  test(`${code}: docs page, wording, and a snapshot that makes it fire`, () => {
    const page = `docs/rules/${code}.md`;
    assert.ok(existsSync(page), `${page} missing`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${code} \\(`), 'page starts with the code and its severity');
    for (const section of [
      '## What it means',
      '## Why it matters',
      '## How to fix',
      '## Sources',
    ]) {
      assert.ok(text.includes(section), `${page} lacks "${section}"`);
    }
    assert.match(text, /\]\(https:\/\//, 'cites at least one link');
    assert.ok(runtimeMessages[code].title.length > 0);
    const f = only(FIRING[code], code);
    const words = describeFinding(f);
    for (const s of [words.title, words.summary, words.fix])
      assert.doesNotMatch(s, /undefined|NaN|\?\s|\[object/, s);
    assert.ok(f.evidence.length > 0, 'cites evidence');
    for (const e of f.evidence) assert.ok(e.source.length > 0);
    assert.ok(
      text.includes(`(${f.severity}`) ||
        text.includes(`${f.severity} when`) ||
        text.includes(`; ${f.severity}`),
      `page names severity ${f.severity}`,
    );
  });
}

for (const code of FLEET_CODES) {
  test(`${code}: docs page with every section, and wording`, () => {
    const page = `docs/rules/${code}.md`;
    assert.ok(existsSync(page), `${page} missing`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${code} \\(`), 'page starts with the code and its severity');
    for (const section of ['## What it means', '## Why it matters', '## How to fix', '## Sources'])
      assert.ok(text.includes(section), `${page} lacks "${section}"`);
    assert.match(text, /\]\(https:\/\//, 'cites at least one link');
    assert.ok(fleetMessages[code].title.length > 0);
  });
}

for (const code of WATCH_CODES) {
  test(`${code}: docs page with every section, and wording`, () => {
    const page = `docs/rules/${code}.md`;
    assert.ok(existsSync(page), `${page} missing`);
    const text = readFileSync(page, 'utf8');
    assert.match(text, new RegExp(`^# ${code} \\(`), 'page starts with the code and its severity');
    for (const section of ['## What it means', '## Why it matters', '## How to fix', '## Sources'])
      assert.ok(text.includes(section), `${page} lacks "${section}"`);
    assert.match(text, /\]\(https:\/\//, 'cites at least one link');
    assert.ok(watchMessages[code].title.length > 0);
  });
}

test('no docs page without a code', async () => {
  const { readdirSync } = await import('node:fs');
  const all = new Set<string>([...RUNTIME_CODES, ...K8S_CODES, ...WATCH_CODES, ...FLEET_CODES]);
  const pages = readdirSync('docs/rules')
    .filter((n) => n.endsWith('.md'))
    .map((n) => n.replace(/\.md$/, ''));
  assert.deepEqual(
    pages.filter((p) => !all.has(p)),
    [],
  );
});
