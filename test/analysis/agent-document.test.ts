// The in-process agent's document in a snapshot: used when it reads, and when it does not, left
// out with a line in diagnose's missing data (never dropped in silence).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import { goMemoryOf } from '../../src/analysis/go-memory.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { snapshot } from './snapshot-builder.js';

const SAMPLE = readFileSync('agent/testdata/status-v1.json', 'utf8');

function withAgent(agentJson: string): Snapshot {
  const s = snapshot();
  return { ...s, runtime: { ...s.runtime!, agentJson } };
}

const sourceOfSys = (s: Snapshot) => {
  const go = goMemoryOf(s);
  return 'value' in go ? go.value.sourceOf('Sys') : go.missing;
};

test('a document that reads is used and noted nowhere', () => {
  const s = withAgent(SAMPLE);
  assert.match(sourceOfSys(s), /\/debug\/gomemlens/);
  assert.ok(!analyzeSnapshot(s).missing.some((m) => m.includes('/debug/gomemlens')));
});

test('a broken document, or another service JSON, is left out with a line saying why', () => {
  const broken = JSON.stringify({ ...JSON.parse(SAMPLE), schemaVersion: 9 });
  for (const [doc, why] of [
    [broken, /schemaVersion 9 is not supported/],
    ['{"status": "up"}', /not an agent document/],
  ] as const) {
    const s = withAgent(doc);
    assert.match(sourceOfSys(s), /\/debug\/vars memstats\.Sys/, 'expvar stands in');
    const line = analyzeSnapshot(s).missing.find((m) => m.startsWith('/debug/gomemlens: '));
    assert.ok(line, `a missing-data line for ${doc.slice(0, 30)}`);
    assert.match(line, why);
    assert.match(line, /the agent's numbers are not used$/);
  }
});
