// The forecast replayed tick by tick over real captures, as watch computes it: a service that
// warms up and levels off never gets a leak verdict or an OOM ETA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { forecast } from '../../src/analysis/forecast.js';
import { parseCapture } from '../../src/formats/capture.js';

function replay(file: string) {
  const parsed = parseCapture(readFileSync(file));
  assert.equal(parsed.kind, 'capture');
  const samples = parsed.capture.samples;
  return samples.map((_, i) => ({ t: samples[i].t, f: forecast(samples.slice(0, i + 1)) }));
}

test('steady under CPU load: its start-up ramp is warm-up, never a leak or an OOM ETA', () => {
  const ticks = replay('testdata/watch/steady-loaded.ndjson');
  assert.ok(ticks.length >= 60);
  const t0 = ticks[0].t;
  for (const { t, f } of ticks) {
    const at = `${((t - t0) / 1000).toFixed(0)} s`;
    assert.notEqual(f.kind, 'leak', `leak verdict at ${at}`);
    assert.equal(f.etaSec, undefined, `an OOM ETA at ${at}`);
  }
});
