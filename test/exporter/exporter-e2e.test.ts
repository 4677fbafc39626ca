// End to end on real things: three Go services in a kubelet-shaped v1 memory cgroup tree, a
// kubelet /pods stand-in, `gomemlens exporter`, and a real Prometheus with the project's rules.
// The leaking one: the OOM-forecast alert goes pending, then firing, before the kernel kills
// it; a heap profile taken before the kill is served; the OOM-killed alert fires after; its
// restarted container keeps the kill count. The steady ones: no alert. Every dashboard panel
// query returns data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeProfileProto } from '../../src/formats/pprof-proto.js';
import type { FleetReport } from '../../src/model/fleet.js';
import { cgroupSkipReason } from '../support/cgroup.js';
import { goSkipReason } from '../support/go-scenario.js';
import { prometheusSkipReason, promtool, type PromAlert } from '../support/prometheus.js';
import { MiB, service, setUpScene, type Scene } from './e2e-setup.js';

const skip =
  cgroupSkipReason() ?? goSkipReason('leaky') ?? goSkipReason('steady') ?? prometheusSkipReason();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Timeline {
  pending?: number;
  firing?: number;
  firingAlert?: PromAlert;
  died?: number;
  steadyAlerts: PromAlert[];
}

test(
  'exporter end to end: forecast alert before the OOM kill, profile, kill counted, steady quiet',
  { skip, timeout: 170_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gomemlens-exporter-e2e-'));
    const scene = await setUpScene(dir);
    t.after(async () => {
      for (const c of scene.cleanups.reverse()) await c();
      rmSync(dir, { recursive: true, force: true });
    });
    const tl = await watchUntilKilled(scene);
    const at = (ms?: number) =>
      ms === undefined ? 'never' : `+${((ms - scene.startedAt) / 1000).toFixed(1)} s`;
    console.log(
      `# OOM forecast pending ${at(tl.pending)}, firing ${at(tl.firing)}, killed ${at(tl.died)}`,
    );
    assert.ok(tl.died, 'leaky was OOM-killed');
    assert.ok(
      tl.pending && tl.firing,
      `the OOM forecast alert went pending and firing\n${scene.exporter.log()}`,
    );
    assert.ok(tl.pending < tl.firing && tl.firing < tl.died, 'pending, then firing, then the kill');
    assert.equal(
      scene.leaky.c.dir &&
        readFileSync(join(scene.leaky.c.dir, 'memory.oom_control'), 'utf8').match(
          /oom_kill (\d+)/,
        )?.[1],
      '1',
    );
    await checkProfile(scene, tl.firingAlert!, tl.died);
    await checkKilledAlert(scene);
    await checkRestartKeepsCount(scene);
    checkSteadyQuiet(scene, tl);
    await checkSteadyVerdicts(scene);
    await checkExposition(scene);
    checkFleetReads(scene);
  },
);

/** Polls Prometheus's alerts until the leak is killed; checks the dashboard when the alert fires. */
async function watchUntilKilled(scene: Scene): Promise<Timeline> {
  const tl: Timeline = { steadyAlerts: [] };
  void scene.leaky.svc.exited.then(() => (tl.died = Date.now()));
  const steadyPods = new Set([scene.steadyA.pod.name, scene.steadyB.pod.name]);
  while (tl.died === undefined && Date.now() - scene.startedAt < 120_000) {
    const alerts = await scene.prom.alerts();
    const now = Date.now();
    const forecast = alerts.find(
      (a) =>
        a.labels.alertname === 'GoContainerOOMForecast' && a.labels.pod === scene.leaky.pod.name,
    );
    if (forecast?.state === 'pending') tl.pending ??= now;
    if (forecast?.state === 'firing' && tl.firing === undefined && tl.died === undefined) {
      tl.firing = now;
      tl.firingAlert = forecast;
      await checkDashboardQueries(scene); // while the leak is alive: every panel has data
    }
    tl.steadyAlerts.push(...alerts.filter((a) => steadyPods.has(a.labels.pod)));
    await sleep(500);
  }
  return tl;
}

/** Every query of every panel (and variable) of the dashboard returns data from this Prometheus. */
async function checkDashboardQueries(scene: Scene): Promise<void> {
  const dashboard = JSON.parse(readFileSync('deploy/grafana/gomemlens-exporter.json', 'utf8'));
  const exprs: string[] = dashboard.panels.flatMap((p: { targets?: { expr: string }[] }) =>
    (p.targets ?? []).map((t) => t.expr),
  );
  for (const v of dashboard.templating.list) {
    const m = /^label_values\((.*), (\w+)\)$/.exec(v.query?.query ?? v.query ?? '');
    if (m) exprs.push(`count by (${m[2]}) (${m[1]})`);
  }
  assert.ok(exprs.length >= 20, `${exprs.length} queries`);
  const empty: string[] = [];
  for (const expr of exprs) {
    const promql = expr
      .replace(/\$(namespace|pod|container)\b/g, '.*')
      .replace(/\$__rate_interval/g, '1m');
    if ((await scene.prom.query(promql)).length === 0) empty.push(promql);
  }
  assert.deepEqual(empty, [], 'dashboard queries without data');
}

async function checkProfile(scene: Scene, alert: PromAlert, died: number): Promise<void> {
  const url = alert.annotations.profile_url;
  assert.match(
    url,
    /^http:\/\/127\.0\.0\.1:\d+\/profiles\/shop_cart-7d9f8b6c5-x2x9z_cart-[0-9a-f]{8}\/\d+-heap\.pb\.gz$/,
  );
  const takenAt = Number(/\/(\d+)-heap/.exec(url)![1]);
  assert.ok(takenAt < died, 'the profile was taken before the kill');
  const res = await fetch(url);
  assert.equal(res.status, 200, 'the exporter serves the profile after the kill');
  const profile = decodeProfileProto(gunzipSync(Buffer.from(await res.arrayBuffer())));
  const k = profile.sampleTypes.length;
  const i = profile.sampleTypes.findIndex((s) => s.type === 'inuse_space');
  let inuse = 0;
  for (let s = 0; s < profile.samples.count; s++) inuse += profile.samples.values[s * k + i];
  assert.ok(inuse > 48 * MiB, `in-use heap in the profile: ${(inuse / MiB).toFixed(0)} MiB`);
}

async function checkKilledAlert(scene: Scene): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const alerts = await scene.prom.alerts();
    if (
      alerts.some(
        (a) =>
          a.labels.alertname === 'GoContainerOOMKilled' &&
          a.labels.pod === scene.leaky.pod.name &&
          a.state === 'firing',
      )
    )
      return;
    await sleep(500);
  }
  assert.fail('GoContainerOOMKilled did not fire within 20 s of the kill');
}

/** The kubelet restarts the container in a new cgroup: same labels, the count stays 1. */
async function checkRestartKeepsCount(scene: Scene): Promise<void> {
  const next = await service(
    scene.tree,
    256 * MiB,
    'leaky',
    ['-rate', '4KiB'],
    {},
    scene.leaky.c.podUid,
  );
  scene.cleanups.push(() => next.svc.stop());
  const status = scene.leaky.pod.containers[0];
  status.oomKilledId = status.id;
  status.id = next.c.containerId;
  const sel = `{pod="${scene.leaky.pod.name}",container="cart"}`;
  let back = false;
  for (let i = 0; i < 30 && !back; i++) {
    back = (await scene.prom.query(`gomemlens_process_resident_memory_bytes${sel}`)).length > 0;
    if (!back) await sleep(500);
  }
  assert.ok(back, 'the restarted container is followed under the same labels within 15 s');
  await sleep(2000); // a few more scrapes with the new instance and the kubelet's OOMKilled
  const kills = await scene.prom.query(`gomemlens_container_oom_kills_total${sel}`);
  assert.deepEqual(
    kills.map((r) => r.value[1]),
    ['1'],
    'one kill, carried over to the new instance, not counted twice',
  );
}

function checkSteadyQuiet(scene: Scene, tl: Timeline): void {
  const firing = tl.steadyAlerts.filter((a) => a.state === 'firing');
  assert.deepEqual(
    firing.map((a) => `${a.labels.alertname} ${a.labels.pod}`),
    [],
    'no steady service alert fires',
  );
  const oom = tl.steadyAlerts.filter((a) => /OOM/.test(a.labels.alertname));
  assert.deepEqual(
    oom.map((a) => a.labels.alertname),
    [],
    'no OOM alert, not even pending',
  );
  // The one that is not set: GOMEMLIMIT missing under a limit is pending (for: 1h).
  const missing = tl.steadyAlerts
    .filter((a) => a.labels.alertname === 'GoMemlimitMissing')
    .map((a) => a.labels.pod);
  assert.ok(
    missing.includes(scene.steadyB.pod.name) && !missing.includes(scene.steadyA.pod.name),
    missing.join(),
  );
}

async function checkSteadyVerdicts(scene: Scene): Promise<void> {
  const r = await scene.prom.query(
    `gomemlens_forecast_verdict{namespace=~"shop|ops",pod!="${scene.leaky.pod.name}"}`,
  );
  assert.equal(r.length, 2);
  for (const s of r)
    assert.ok(
      ['flat', 'warmup'].includes(s.metric.verdict),
      `${s.metric.pod}: ${s.metric.verdict}`,
    );
  const info = await scene.prom.query(`gomemlens_go_info{pod="${scene.steadyA.pod.name}"}`);
  assert.equal(info[0]?.metric.workload, 'catalog');
  assert.equal(info[0]?.metric.gomemlimit_source, 'env');
  const limit = await scene.prom.query(
    `gomemlens_go_gomemlimit_bytes{pod="${scene.steadyA.pod.name}"}`,
  );
  assert.equal(limit[0]?.value[1], String(200 * MiB));
}

async function checkExposition(scene: Scene): Promise<void> {
  const text = await (await fetch(`${scene.exporter.url}/metrics`)).text();
  const lint = promtool(['check', 'metrics'], text);
  assert.equal(lint.code, 0, lint.out);
  const cart = text.split('\n').filter((l) => l.includes('pod="cart-7d9f8b6c5-x2x9z"'));
  assert.ok(cart.length > 10 && cart.length <= 40, `${cart.length} series for the cart container`);
  assert.ok(!/\bpid=/.test(text), 'no PID label');
}

/**
 * `gomemlens fleet` reads the exporter's series by the one catalog (model/exporter-metrics.ts):
 * from this Prometheus alone (no cAdvisor, no kube-state-metrics) it finds the settings and
 * the OOM kill that the exporter published.
 */
function checkFleetReads(scene: Scene): void {
  const r = spawnSync(
    process.execPath,
    [
      'bin/gomemlens.js',
      'fleet',
      '--prometheus',
      scene.prom.url,
      '--window',
      '1h',
      '--json',
      '--quiet',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout) as FleetReport;
  const of = (name: string) => report.workloads.find((w) => w.id.name === name)?.measures;
  const catalog = of('catalog');
  assert.deepEqual(catalog?.gomemlimit, {
    value: 200 * MiB,
    source: 'gomemlens_go_gomemlimit_bytes',
  });
  assert.equal(catalog?.limit?.value, 256 * MiB);
  assert.equal(of('probe')?.gomemlimit?.value, 'off');
  assert.ok((of('cart')?.oomKills.value ?? 0) >= 1, JSON.stringify(of('cart')?.oomKills));
}
