// deploy/prometheus and deploy/exporter: promtool checks and unit-tests the rules; the
// generated PrometheusRule and dashboard are up to date; the manifests pass k8s lint and name
// flags and ports that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { generatedFiles, RULES } from '../../scripts/deploy/manifests.js';
import { runCliSync } from '../support/cli.js';
import { promtool, promtoolSkipReason } from '../support/prometheus.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked field by field
type Json = any;
const skip = promtoolSkipReason();
const cli = (args: string[]) => {
  const r = runCliSync(args, { timeoutMs: 60_000 });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
};

for (const file of ['gomemlens-rules', 'go-runtime-rules']) {
  test(`promtool check rules and test rules: ${file}`, { skip }, () => {
    const check = promtool(['check', 'rules', `deploy/prometheus/${file}.yaml`]);
    assert.equal(check.code, 0, check.out);
    const unit = promtool(['test', 'rules', `deploy/prometheus/tests/${file}.test.yaml`]);
    assert.equal(unit.code, 0, unit.out);
    assert.match(unit.out, /SUCCESS/);
  });
}

test('every alert has unit tests that see it fire and stay quiet', () => {
  for (const file of ['gomemlens-rules', 'go-runtime-rules']) {
    const rules = parse(readFileSync(`deploy/prometheus/${file}.yaml`, 'utf8')) as Json;
    const tests = parse(readFileSync(`deploy/prometheus/tests/${file}.test.yaml`, 'utf8')) as Json;
    const evals = tests.tests.flatMap((t: Json) => t.alert_rule_test ?? []);
    for (const group of rules.groups)
      for (const rule of group.rules.filter((r: Json) => r.alert)) {
        const mine = evals.filter((e: Json) => e.alertname === rule.alert);
        assert.ok(
          mine.some((e: Json) => e.exp_alerts?.length > 0),
          `${rule.alert} never fires`,
        );
        assert.ok(
          mine.some((e: Json) => (e.exp_alerts ?? []).length === 0),
          `${rule.alert} never quiet`,
        );
      }
  }
});

test('generated deploy files are up to date (npm run deploy)', () => {
  for (const [path, text] of Object.entries(generatedFiles()))
    assert.equal(readFileSync(path, 'utf8'), text, `${path} is stale: run npm run deploy`);
  const rule = parse(readFileSync('deploy/exporter/prometheusrule.yaml', 'utf8')) as Json;
  assert.deepEqual(rule.spec, parse(readFileSync(RULES, 'utf8')));
});

test('deploy/exporter: k8s lint passes; flags, ports and labels line up', () => {
  const files = ['daemonset', 'rbac', 'podmonitor', 'prometheusrule', 'dashboard-configmap'].map(
    (f) => `deploy/exporter/${f}.yaml`,
  );
  const lint = cli(['k8s', 'lint', '--fail-on', 'info', ...files]);
  assert.equal(lint.status, 0, lint.stdout + lint.stderr);
  const docs = files.flatMap((f) =>
    parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as Json),
  );
  const ds = docs.find((d) => d.kind === 'DaemonSet');
  const pod = ds.spec.template.spec;
  assert.equal(pod.hostPID, true);
  const c = pod.containers[0];
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
  assert.deepEqual(c.securityContext.capabilities, {
    drop: ['ALL'],
    add: ['SYS_PTRACE', 'DAC_READ_SEARCH'],
  });
  assert.ok(c.volumeMounts.every((m: Json) => m.readOnly || m.mountPath === '/var/lib/gomemlens'));
  const help = cli(['exporter', '--help']).stdout;
  for (const arg of c.args.slice(1))
    assert.ok(help.includes(arg.split('=')[0]), `${arg} is not an exporter flag`);
  const monitor = docs.find((d) => d.kind === 'PodMonitor');
  assert.equal(monitor.spec.podMetricsEndpoints[0].port, c.ports[0].name);
  assert.deepEqual(monitor.spec.selector.matchLabels, ds.spec.selector.matchLabels);
  const role = docs.find((d) => d.kind === 'ClusterRole');
  assert.deepEqual(role.rules, [{ apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }]);
  const cm = docs.find((d) => d.kind === 'ConfigMap');
  assert.equal(cm.metadata.labels.grafana_dashboard, '1');
  assert.equal(JSON.parse(cm.data['gomemlens-exporter.json']).uid, 'gomemlens-exporter');
});

test('deploy/prometheus/scrape-config.yaml passes promtool check config', { skip }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-scrape-'));
  try {
    const jobs = readFileSync('deploy/prometheus/scrape-config.yaml', 'utf8').replace(/^/gm, '  ');
    writeFileSync(join(dir, 'prometheus.yml'), `scrape_configs:\n${jobs}`);
    const r = promtool(['check', 'config', join(dir, 'prometheus.yml')]);
    // Debian builds Prometheus without Kubernetes service discovery (no client-go).
    if (/field kubernetes_sd_configs not found/.test(r.out))
      return t.skip('this promtool is built without Kubernetes service discovery (Debian)');
    assert.equal(r.code, 0, r.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
