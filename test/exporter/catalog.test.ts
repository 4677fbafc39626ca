// One catalog (src/model/exporter-metrics.ts): the rules, the dashboard and the docs name only
// series the exporter publishes, and docs/exporter.md documents every one of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONTAINER_METRICS, EXPORTER_METRICS } from '../../src/model/exporter-metrics.js';

const published = new Set(
  [...Object.values(CONTAINER_METRICS), ...Object.values(EXPORTER_METRICS)].map((m) => m.name),
);

/** The gomemlens_* series a text names (not recording rules: level:metric:operations). */
function seriesNamed(text: string): Set<string> {
  const names = (text.match(/(?<![\w:])gomemlens_[a-z_]+(?!:)/g) ?? []).filter(
    (n) => n !== 'gomemlens_stat',
  );
  return new Set(names);
}

test('exporter catalog: rules, dashboard and docs name only published series', () => {
  const files = [
    'deploy/prometheus/gomemlens-rules.yaml',
    'deploy/prometheus/tests/gomemlens-rules.test.yaml',
    'deploy/exporter/prometheusrule.yaml',
    'deploy/grafana/gomemlens-exporter.json',
    'docs/exporter.md',
  ];
  for (const file of files) {
    const named = seriesNamed(readFileSync(file, 'utf8'));
    assert.ok(named.size >= 5, `${file}: ${[...named].join()}`);
    const unknown = [...named].filter((n) => !published.has(n));
    assert.deepEqual(unknown, [], `${file} names series the exporter does not publish`);
  }
});

test('exporter catalog: docs/exporter.md documents every published series', () => {
  const documented = seriesNamed(readFileSync('docs/exporter.md', 'utf8'));
  const missing = [...published].filter((n) => !documented.has(n));
  assert.deepEqual(missing, []);
});
