/**
 * `gomemlens exporter`: every Go process of this host (every Go container of a node, as a
 * DaemonSet) as Prometheus series, with OOM forecasts and pre-OOM profiles (docs/exporter.md).
 */
import type { AddressInfo } from 'node:net';
import { Exporter, type ExporterDeps } from '../app/exporter.js';
import { InputError, UsageError } from '../model/errors.js';
import { parseGoMemLimit } from '../model/gomemlimit.js';
import { hostFs } from '../sources/hostfs.js';
import { podSource, SERVICE_ACCOUNT_DIR } from '../sources/kubelet.js';
import { ProfileStore } from '../sources/profile-store.js';
import { createExporterServer } from './exporter-server.js';
import { durationFlag, intFlag, parseFlags, urlFlag } from './flags.js';

const HELP = `gomemlens exporter [--listen ADDR] [--interval 15s] [flags]

Finds the Go processes of this host (build info in /proc/PID/exe, as ps), reads each every
interval on watch's read path (cgroup, /proc, Go endpoints when reachable), forecasts OOM
kills, and serves Prometheus series on /metrics, a status page on /, and pre-OOM profiles on
/profiles/. In Kubernetes, run it as the DaemonSet in deploy/exporter/.

Flags:
  --listen ADDR          host:port to serve on (default 127.0.0.1:9323; 0.0.0.0:9323 in a pod)
  --interval D           time between samples (default 15s, at least 200ms)
  --root DIR             read /proc and /sys under DIR (a host mounted elsewhere)
  --kubelet-url URL      the kubelet (https://NODE_IP:10250): names and pod IPs from its /pods
  --api-server URL       or the API server, with --node-name: pods of this node only
  --node-name NAME       this node's name (spec.nodeName), with --api-server
  --kubelet-insecure-tls do not verify the kubelet's serving certificate (often self-signed)
  --token-file F         bearer token (default ${SERVICE_ACCOUNT_DIR}/token)
  --ca-file F            CA bundle (default ${SERVICE_ACCOUNT_DIR}/ca.crt)
  --profile-dir DIR      keep pre-OOM heap and goroutine profiles here (off without it)
  --profile-eta D        take them when the forecast time to OOM is below D (default 10m)
  --profile-gap D        at most one capture per container per D (default 5m)
  --profile-keep N       profiles of each kind kept per container (default 3)
  --profile-bytes SIZE   all profiles together at most SIZE (default 256MiB)
  --external-url URL     this exporter's URL as Prometheus reaches it (profile links;
                         default http://ADDR of --listen)
  --full-every D         full read per process: settings, rules, endpoints (default 10m)
  --retention D          keep a gone container's OOM kill counter this long (default 15m)`;

const OPTIONS = {
  listen: { type: 'string' },
  interval: { type: 'string' },
  root: { type: 'string' },
  'kubelet-url': { type: 'string' },
  'api-server': { type: 'string' },
  'node-name': { type: 'string' },
  'kubelet-insecure-tls': { type: 'boolean' },
  'token-file': { type: 'string' },
  'ca-file': { type: 'string' },
  'profile-dir': { type: 'string' },
  'profile-eta': { type: 'string' },
  'profile-gap': { type: 'string' },
  'profile-keep': { type: 'string' },
  'profile-bytes': { type: 'string' },
  'external-url': { type: 'string' },
  'full-every': { type: 'string' },
  retention: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseFlags<typeof OPTIONS>>['values'];

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const listen = parseListen(values.listen ?? '127.0.0.1:9323');
  const options = exporterOptions(values);
  const deps = await exporterDeps(values, listen);
  const exporter = new Exporter(options, deps);
  const server = createExporterServer(exporter);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new InputError(`cannot listen on ${listen.text}: ${err.message}`)),
    );
    server.listen(listen.port, listen.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  deps.log(
    `serving http://${listen.host.includes(':') ? `[${listen.host}]` : listen.host}:${port}/metrics every ${values.interval ?? '15s'}`,
  );
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  await exporter.run(stop.signal);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return 0;
}

function exporterOptions(values: Values) {
  const intervalMs = durationFlag('interval', values.interval) ?? 15_000;
  if (intervalMs < 200) throw new UsageError('--interval must be at least 200ms');
  return {
    intervalMs,
    fullEveryMs: durationFlag('full-every', values['full-every']) ?? 600_000,
    podsEveryMs: 30_000,
    profileEtaSec: (durationFlag('profile-eta', values['profile-eta']) ?? 600_000) / 1000,
    profileGapMs: durationFlag('profile-gap', values['profile-gap']) ?? 300_000,
    retentionMs: durationFlag('retention', values.retention) ?? 900_000,
  };
}

async function exporterDeps(values: Values, listen: Listen): Promise<ExporterDeps> {
  const log = (line: string) => console.error(`gomemlens exporter: ${line}`);
  const kubelet = values['kubelet-url'];
  const api = values['api-server'];
  if (kubelet && api) throw new UsageError('give --kubelet-url or --api-server, not both');
  if (api && !values['node-name']) throw new UsageError('--api-server needs --node-name');
  const url = kubelet
    ? urlFlag(kubelet, 'kubelet-url')
    : api
      ? urlFlag(api, 'api-server')
      : undefined;
  const pods = url
    ? podSource({
        url,
        nodeName: api ? values['node-name'] : undefined,
        tokenFile: values['token-file'],
        caFile: values['ca-file'],
        insecureTls: values['kubelet-insecure-tls'],
      })
    : undefined;
  return {
    fs: hostFs(values.root ?? '/'),
    selfPid: process.pid,
    pods,
    profiles: await profileStore(values, listen),
    self: () => {
      const u = process.cpuUsage();
      return { cpuSeconds: (u.user + u.system) / 1e6, rssBytes: process.memoryUsage.rss() };
    },
    log,
  };
}

async function profileStore(values: Values, listen: Listen): Promise<ExporterDeps['profiles']> {
  const dir = values['profile-dir'];
  if (dir === undefined) return undefined;
  const keep = intFlag('profile-keep', values['profile-keep']) ?? 3;
  if (keep < 1) throw new UsageError('--profile-keep must be at least 1');
  const size = parseGoMemLimit(values['profile-bytes'] ?? '256MiB');
  if (size.kind !== 'bytes')
    throw new UsageError(
      `--profile-bytes wants a size like 256MiB, got "${values['profile-bytes']}"`,
    );
  const external = values['external-url']
    ? urlFlag(values['external-url'], 'external-url')
    : `http://${listen.text}`;
  try {
    const store = await ProfileStore.open(dir, { keep, maxBytes: size.bytes });
    return { store, externalUrl: external };
  } catch (err) {
    throw new InputError(`cannot use --profile-dir ${dir}: ${(err as Error).message}`);
  }
}

interface Listen {
  readonly host: string;
  readonly port: number;
  readonly text: string;
}

function parseListen(text: string): Listen {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--listen wants host:port, got "${text}"`);
  return { host: m[1].replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]), text };
}
