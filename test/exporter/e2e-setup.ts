/**
 * The end-to-end scene of the exporter: three Go services in a kubelet-shaped cgroup tree, a
 * kubelet /pods stand-in naming them, `gomemlens exporter` following them, and a real
 * Prometheus scraping it every second with the project's rules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScenario, type RunningScenario } from '../support/go-scenario.js';
import {
  startKubeletStandin,
  type KubeletStandin,
  type StandinPod,
} from '../support/kubelet-standin.js';
import { createKubepodsTree, type KubeContainer, type KubepodsTree } from '../support/kubepods.js';
import { freePort, startPrometheus, type RunningPrometheus } from '../support/prometheus.js';

export const MiB = 1 << 20;

export interface Scene {
  readonly tree: KubepodsTree;
  readonly leaky: { svc: RunningScenario; c: KubeContainer; pod: StandinPod };
  readonly steadyA: { svc: RunningScenario; c: KubeContainer; pod: StandinPod };
  readonly steadyB: { svc: RunningScenario; c: KubeContainer; pod: StandinPod };
  readonly kubelet: KubeletStandin;
  readonly exporter: { url: string; child: ChildProcess; log: () => string };
  readonly prom: RunningPrometheus;
  readonly startedAt: number;
  readonly cleanups: (() => Promise<void> | void)[];
}

const port = (url: string) => url.slice(url.lastIndexOf(':') + 1);

/** 3.1 MiB/s from ~70 MiB into 256 MiB: half the limit at ~20 s, killed at ~60 s. */
const LEAK = ['-rate', '320KiB', '-every', '100ms', '-initial', '64MiB'];

export async function setUpScene(dir: string): Promise<Scene> {
  const cleanups: Scene['cleanups'] = [];
  const tree = createKubepodsTree('exporter');
  cleanups.push(() => tree.remove());
  try {
    const startedAt = Date.now();
    const leaky = await service(tree, 256 * MiB, 'leaky', LEAK, {});
    const steadyA = await service(tree, 256 * MiB, 'steady', ['-retain', '32MiB'], {
      GOMEMLIMIT: '200MiB',
    });
    const steadyB = await service(tree, 128 * MiB, 'steady', ['-retain', '16MiB'], {});
    const pods = [
      pod(
        'shop',
        'cart-7d9f8b6c5-x2x9z',
        leaky,
        'cart',
        { kind: 'ReplicaSet', name: 'cart-7d9f8b6c5' },
        { 'gomemlens.dev/port': port(leaky.svc.url!) },
        { 'pod-template-hash': '7d9f8b6c5' },
      ),
      pod('shop', 'catalog-0', steadyA, 'catalog', { kind: 'StatefulSet', name: 'catalog' }),
      pod(
        'ops',
        'probe-k2v7q',
        steadyB,
        'probe',
        { kind: 'DaemonSet', name: 'probe' },
        { 'prometheus.io/port': port(steadyB.svc.url!) },
      ),
    ];
    const kubelet = await startKubeletStandin(pods);
    cleanups.push(() => kubelet.close());
    const exporter = await startExporter(dir, kubelet.url);
    cleanups.push(() => void exporter.child.kill('SIGKILL'));
    const prom = await startPrometheus({
      scrapeConfigs: `  - job_name: gomemlens-exporter\n    honor_labels: true\n    static_configs:\n      - targets: ['${exporter.url.slice(7)}']`,
      ruleFiles: [fastRules(dir)],
    });
    cleanups.push(() => prom.stop());
    return {
      tree,
      leaky: { ...leaky, pod: pods[0] },
      steadyA: { ...steadyA, pod: pods[1] },
      steadyB: { ...steadyB, pod: pods[2] },
      kubelet,
      exporter,
      prom,
      startedAt,
      cleanups,
    };
  } catch (err) {
    for (const c of cleanups.reverse()) await c();
    throw err;
  }
}

export async function service(
  tree: KubepodsTree,
  limit: number,
  name: string,
  args: string[],
  env: Record<string, string>,
  podUid?: string,
): Promise<{ svc: RunningScenario; c: KubeContainer }> {
  const c = tree.container(limit, podUid);
  const svc = await startScenario(name, { args, env, cgroupDir: c.dir });
  return { svc, c };
}

function pod(
  namespace: string,
  name: string,
  s: { c: KubeContainer },
  container: string,
  owner: { kind: string; name: string },
  annotations: Record<string, string> = {},
  labels: Record<string, string> = {},
): StandinPod {
  return {
    namespace,
    name,
    uid: s.c.podUid,
    podIP: '127.0.0.1', // every "pod" shares the host's network namespace here
    qosClass: 'Burstable',
    owner,
    labels,
    annotations,
    containers: [{ name: container, id: s.c.containerId }],
  };
}

async function startExporter(dir: string, kubeletUrl: string): Promise<Scene['exporter']> {
  const listen = `127.0.0.1:${await freePort()}`;
  mkdirSync(join(dir, 'profiles'));
  const args = [
    'bin/gomemlens.js',
    'exporter',
    '--listen',
    listen,
    '--interval',
    '1s',
    '--kubelet-url',
    kubeletUrl,
    '--profile-dir',
    join(dir, 'profiles'),
    '--profile-eta',
    '120s',
    '--profile-gap',
    '15s',
    '--full-every',
    '5s',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d) => (log += d));
  for (let i = 0; i < 100 && !/serving http/.test(log); i++)
    await new Promise((r) => setTimeout(r, 100));
  if (!/serving http/.test(log)) throw new Error(`exporter did not start: ${log}`);
  return { url: `http://${listen}`, child, log: () => log };
}

/**
 * The project's rules, with the OOM forecast's `for: 5m` made `for: 5s`: the test's leak
 * fills its container in about a minute. Everything else is the file as shipped.
 */
function fastRules(dir: string): string {
  const text = readFileSync('deploy/prometheus/gomemlens-rules.yaml', 'utf8');
  const at = text.indexOf('alert: GoContainerOOMForecast');
  const forAt = text.indexOf('for: 5m', at);
  if (at < 0 || forAt < 0 || forAt > text.indexOf('- alert:', at + 10))
    throw new Error('GoContainerOOMForecast has no `for: 5m` to shorten');
  const path = join(dir, 'rules.yaml');
  writeFileSync(path, text.slice(0, forAt) + 'for: 5s' + text.slice(forAt + 'for: 5m'.length));
  return path;
}
