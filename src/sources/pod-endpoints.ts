/**
 * Where the exporter reaches a process's Go runtime endpoints: the ports its pod's annotations
 * name (formats/k8s-pod-list.ts PORT_ANNOTATIONS) and the ports it listens on itself
 * (sources/listeners.ts), at the pod IP in Kubernetes (a pod's 127.0.0.1 is its own network
 * namespace, not the node's) or on loopback outside it. Each candidate is probed for
 * /debug/vars and /metrics; the first that serves both wins, else the one that serves most.
 */
import type { TcpListener } from '../formats/proc-net-tcp.js';
import type { HostFs } from './hostfs.js';
import { listeningPorts, loopbackUrl } from './listeners.js';
import { probeRuntime } from './runtime.js';

export interface EndpointSearch {
  /** The pod's IP; undefined outside Kubernetes. */
  readonly podIP?: string;
  /** Ports named by the pod's annotations, most specific first. */
  readonly annotated: readonly number[];
  readonly timeoutMs: number;
}

export interface EndpointFound {
  readonly url?: string;
  /** Which of /debug/vars and /metrics answered there. */
  readonly serves: { readonly vars: boolean; readonly metrics: boolean };
  /** Why none was found. */
  readonly note?: string;
}

/** A process with many ports is not probed on all of them. */
const MAX_PROBES = 8;

export async function findEndpoint(
  fs: HostFs,
  pid: number,
  o: EndpointSearch,
): Promise<EndpointFound> {
  let denied: string | undefined;
  const own = await listeningPorts(fs, pid, (why) => (denied = why));
  const urls = candidates(own, o).slice(0, MAX_PROBES);
  const none = { serves: { vars: false, metrics: false } };
  if (urls.length === 0)
    return {
      ...none,
      note: denied ? `ports unknown: ${denied}` : 'listens on no TCP port and no port annotation',
    };
  let best: EndpointFound | undefined;
  for (const url of urls) {
    const r = await probeRuntime(url, { only: ['vars', 'metrics'], timeoutMs: o.timeoutMs });
    const ok = (path: string) => r.endpoints.some((e) => e.path === path && e.outcome === 'ok');
    const found = { url: r.baseUrl, serves: { vars: ok('/debug/vars'), metrics: ok('/metrics') } };
    const score = (f?: EndpointFound) =>
      f ? Number(f.serves.vars) + Number(f.serves.metrics) : -1;
    if (score(found) > score(best) && score(found) > 0) best = found;
    if (score(best) === 2) break;
  }
  const ports = urls.map((u) => u.slice(u.lastIndexOf(':') + 1)).join(', ');
  return best ?? { ...none, note: `no /debug/vars or /metrics on ports ${ports}` };
}

/** Annotated ports the process listens on first, then its other ports, then the rest. */
function candidates(all: readonly TcpListener[], o: EndpointSearch): string[] {
  // A listener on the pod's loopback cannot be reached from the node at the pod IP.
  const reachable = (l: TcpListener) =>
    o.podIP === undefined || isLoopback(o.podIP) || !isLoopback(l.address);
  const own = all.filter(reachable);
  const mine = new Map(own.map((l) => [l.port, l]));
  const order = [
    ...o.annotated.filter((p) => mine.has(p)),
    ...own.map((l) => l.port).filter((p) => !o.annotated.includes(p)),
    ...o.annotated.filter((p) => !mine.has(p)),
  ];
  const urls = order.map((port) => {
    const l = mine.get(port);
    if (o.podIP !== undefined) return `http://${bracket(o.podIP)}:${port}`;
    return l ? loopbackUrl(l) : `http://127.0.0.1:${port}`;
  });
  return [...new Set(urls.filter((u): u is string => u !== undefined))];
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}

function bracket(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}
