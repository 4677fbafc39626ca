import { test } from 'node:test';
import assert from 'node:assert/strict';
import { garbageCollectorOf } from '../../src/analysis/go-gc.js';
import { parseGoVersion } from '../../src/analysis/go-versions.js';
import { renderDiagnoseMarkdown } from '../../src/report/diagnose-markdown.js';
import { renderDiagnoseText } from '../../src/report/diagnose-text.js';
import { report } from './helpers.js';

const gc = (version: string, goexperiment?: string) =>
  garbageCollectorOf(parseGoVersion(version)!, goexperiment);

test('Green Tea: opt-in on go1.25 (greenteagc), default from go1.26 (nogreenteagc opts out)', () => {
  assert.equal(gc('go1.24.9'), 'classic');
  assert.equal(gc('go1.24.9', 'greenteagc'), 'classic'); // no such experiment before 1.25
  assert.equal(gc('go1.25.3'), 'classic');
  assert.equal(gc('go1.25.3', 'greenteagc'), 'greentea');
  assert.equal(gc('go1.25.3', 'jsonv2,greenteagc'), 'greentea');
  assert.equal(gc('go1.26.8'), 'greentea');
  assert.equal(gc('go1.26.8', 'nogreenteagc'), 'classic');
  assert.equal(gc('go1.26.8', 'goroutineleakprofile'), 'greentea');
  assert.equal(gc('devel go1.27-1a2b3c'), 'greentea');
  // Applied in order (internal/buildcfg/exp.go): the last mention wins, "none" clears all.
  assert.equal(gc('go1.26.8', 'nogreenteagc,greenteagc'), 'greentea');
  assert.equal(gc('go1.25.3', 'greenteagc,nogreenteagc'), 'classic');
  assert.equal(gc('go1.26.8', 'none'), 'classic');
  assert.equal(gc('go1.26.8', 'nogreenteagcx'), 'greentea'); // not the name: Go refuses to build
});

test('diagnose reports the collector from the build info, in JSON, text and markdown', () => {
  const r = report({ goVersion: 'go1.26.8', goexperiment: 'nogreenteagc' });
  assert.equal(r.settings.garbageCollector?.value, 'classic');
  assert.match(r.settings.garbageCollector?.source ?? '', /GOEXPERIMENT=nogreenteagc/);
  assert.equal(report({ goVersion: 'go1.26.8' }).settings.garbageCollector?.value, 'greentea');
  assert.equal(report({ goVersion: 'go1.25.1' }).settings.garbageCollector?.value, 'classic');
  assert.equal(report({ goVersion: null }).settings.garbageCollector, undefined);
  assert.equal(report({ without: ['binary'] }).settings.garbageCollector, undefined);
  const green = report({ goVersion: 'go1.25.1', goexperiment: 'greenteagc' });
  assert.match(renderDiagnoseText(green, { color: false }), /garbage collector +green tea /);
  assert.match(renderDiagnoseMarkdown(green), /\| garbage collector \| green tea \|/);
});
