/* eslint-disable no-control-regex -- these tests look for terminal escape sequences */
// The diagnose renderers on the recorded demo snapshot: what people read matches the data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeSnapshot } from '../../src/analysis/diagnose.js';
import type { Snapshot } from '../../src/model/snapshot.js';
import { renderDiagnoseMarkdown } from '../../src/report/diagnose-markdown.js';
import { renderDiagnoseText } from '../../src/report/diagnose-text.js';
import { breakdownRows } from '../../src/report/diagnose-view.js';

const snapshot = JSON.parse(readFileSync('testdata/snapshots/demo.json', 'utf8')) as Snapshot;

test('text shows the limit, the finding and sources relative to the cgroup directory', () => {
  const report = analyzeSnapshot(snapshot);
  const text = renderDiagnoseText(report, { color: false });
  assert.match(text, new RegExp(`pid ${snapshot.target.pid} \\(leaky\\)`));
  assert.match(text, /cgroup effective limit\s+256 MiB\s+100\.0%\s+memory\.limit_in_bytes/);
  assert.match(text, /\[gomemlimit-above-limit\]/);
  assert.match(text, /Note: cgroup v1 has no memory\.high/);
  assert.doesNotMatch(text, /\x1b\[/, 'no colour when colour is off');
  const colored = renderDiagnoseText(report, { color: true });
  assert.match(colored, /\x1b\[31mERROR/);
});

test('every breakdown line appears once, with its bytes', () => {
  const report = analyzeSnapshot(snapshot);
  const rows = breakdownRows(report);
  const count = (l: { children: readonly unknown[] }): number =>
    1 + l.children.reduce<number>((n, c) => n + count(c as { children: readonly unknown[] }), 0);
  assert.equal(rows.length, count(report.breakdown.root));
  const text = renderDiagnoseText(report, { color: false });
  for (const row of rows) assert.ok(text.includes(row.label), row.label);
});

test('control characters from the target never reach the terminal', () => {
  const evil = structuredClone(snapshot) as { process: { status: { value: { name: string } } } };
  evil.process.status.value.name = 'x\x1b[2Jy';
  const text = renderDiagnoseText(analyzeSnapshot(evil as unknown as Snapshot), { color: false });
  assert.doesNotMatch(text, /\x1b/);
  assert.match(text, /x\?\[2Jy/);
});

test('markdown has the settings and breakdown tables and escapes pipes', () => {
  const md = renderDiagnoseMarkdown(analyzeSnapshot(snapshot));
  assert.match(md, /\| setting \| value \| source \|/);
  assert.match(md, /\| layer \| bytes \| of limit \| source \|/);
  assert.match(md, /\*\*ERROR\*\* GOMEMLIMIT is at or above the container limit/);
});
