// The exporter's text exposition: read back by our parser and by promtool (the Prometheus
// project's own linter), every series of a container within the 40-series bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerRows, type ContainerState } from '../../src/analysis/exporter-series.js';
import { parsePromText } from '../../src/formats/prom-text.js';
import { CONTAINER_METRICS, MAX_SERIES_PER_CONTAINER } from '../../src/model/exporter-metrics.js';
import type { Finding } from '../../src/model/finding.js';
import { renderExposition } from '../../src/report/prom-exposition.js';
import { promtool, promtoolSkipReason } from '../support/prometheus.js';

const findings = (n: number): Finding<string>[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `code-${i}`,
    severity: i % 3 === 0 ? 'error' : i % 3 === 1 ? 'warning' : 'info',
    args: {},
    evidence: [],
  }));

function fullState(n = 3): ContainerState {
  return {
    labels: { namespace: 'shop', pod: 'cart-7d9f8b6c5-x2x9z', container: 'cart' },
    sample: {
      t: 1767225600000,
      cgroup: { usage: 300 << 20, workingSet: 280 << 20, limit: 512 << 20, shmem: 1 << 20 },
      proc: { rss: 260 << 20, rssAnon: 250 << 20 },
      go: {
        sys: 240 << 20,
        heapReleased: 10 << 20,
        heapInuse: 200 << 20,
        live: 150 << 20,
        nextGC: 300 << 20,
        gcCpuFraction: 0.02,
      },
    },
    forecast: { kind: 'leak', at: 1767225600000, etaSec: 812.5 },
    findings: findings(n),
    settings: {
      goVersion: 'go1.26.8',
      gomemlimitBytes: 460 << 20,
      gomemlimitSource: 'env',
      gogcPercent: null,
      gogcSource: 'env',
    },
    oomKills: 2,
    profile: {
      url: 'http://10.0.0.7:9323/profiles/shop_cart-1a2b3c4d/1767225600000-heap.pb.gz',
      t: 1767225600000,
    },
    workload: { kind: 'Deployment', name: 'cart' },
    qosClass: 'Burstable',
  };
}

test('exposition: every catalog series of a container, with its values', () => {
  const rows = containerRows(fullState());
  const names = new Set(rows.map((r) => r.spec.name));
  for (const spec of Object.values(CONTAINER_METRICS)) assert.ok(names.has(spec.name), spec.name);
  const families = parsePromText(renderExposition(rows));
  const value = (name: string) => families.find((f) => f.name === name)?.samples[0].value;
  assert.equal(value('gomemlens_go_memory_mapped_bytes'), 230 << 20, 'Sys - HeapReleased');
  assert.equal(value('gomemlens_non_go_memory_bytes'), 20 << 20, 'RssAnon - mapped');
  assert.equal(value('gomemlens_go_gogc_percent'), -1, 'GOGC=off');
  assert.equal(value('gomemlens_oom_eta_seconds'), 812.5);
  const info = families.find((f) => f.name === 'gomemlens_go_info')!.samples[0].labels;
  assert.equal(info.workload, 'cart');
  assert.equal(info.profile_url, fullState().profile!.url);
  assert.equal(info.cgroup, undefined, 'an empty label is left out');
});

test('exposition: a series that was not read is absent, not 0', () => {
  const rows = containerRows({
    labels: { cgroup: '/system.slice/api.service' },
    findings: [],
    oomKills: 0,
    sample: { t: 1, cgroup: { usage: 5 } },
  });
  assert.deepEqual(rows.map((r) => r.spec.name).sort(), [
    'gomemlens_container_memory_usage_bytes',
    'gomemlens_container_oom_kills_total',
    'gomemlens_go_info',
  ]);
  const gone = containerRows({ labels: { cgroup: '/x' }, findings: [], oomKills: 1 });
  assert.deepEqual(
    gone.map((r) => [r.spec.name, r.value]),
    [['gomemlens_container_oom_kills_total', 1]],
  );
});

test('exposition: at most 40 series per container, the most severe findings kept', () => {
  const rows = containerRows(fullState(60));
  assert.equal(rows.length, MAX_SERIES_PER_CONTAINER);
  const kept = rows.filter((r) => r.spec === CONTAINER_METRICS.finding);
  assert.ok(kept.length > 10);
  assert.ok(kept.slice(0, 20).every((r) => r.labels.severity === 'error'));
});

test('exposition: label values with quotes, backslashes and newlines survive a round trip', () => {
  const cgroup = 'a "quoted"\\path\nwith newline';
  const text = renderExposition(containerRows({ labels: { cgroup }, findings: [], oomKills: 0 }));
  assert.equal(parsePromText(text)[0].samples[0].labels.cgroup, cgroup);
});

test(
  'exposition: promtool check metrics finds nothing to lint',
  { skip: promtoolSkipReason() },
  () => {
    const text = renderExposition([
      ...containerRows(fullState()),
      ...containerRows({ ...fullState(), labels: { cgroup: '/system.slice/x.service' } }),
    ]);
    const r = promtool(['check', 'metrics'], text);
    assert.equal(r.code, 0, r.out);
    assert.equal(r.out.trim(), '');
  },
);
