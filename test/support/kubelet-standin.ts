/**
 * A stand-in for the kubelet's GET /pods on 127.0.0.1: a PodList (core/v1) built from the pods
 * a test describes, which the test may change while it runs (a restarted container, a kill).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandinContainer {
  readonly name: string;
  /** The bare container ID (the cgroup directory name). */
  id: string;
  /** The previous instance, killed by the OOM killer. */
  oomKilledId?: string;
}

export interface StandinPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly podIP: string;
  readonly qosClass: string;
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly containers: StandinContainer[];
}

export interface KubeletStandin {
  readonly url: string;
  readonly pods: StandinPod[];
  /** GET /pods answered so far. */
  requests: number;
  close(): Promise<void>;
}

export async function startKubeletStandin(pods: StandinPod[]): Promise<KubeletStandin> {
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    if (req.url !== '/pods') {
      res.writeHead(404).end();
      return;
    }
    state.requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(podList(pods)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    pods,
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

function podList(pods: readonly StandinPod[]) {
  return {
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: {},
    items: pods.map((p) => ({
      metadata: {
        name: p.name,
        namespace: p.namespace,
        uid: p.uid,
        labels: p.labels ?? {},
        annotations: p.annotations ?? {},
        ownerReferences: p.owner
          ? [{ apiVersion: 'apps/v1', ...p.owner, uid: 'x', controller: true }]
          : [],
      },
      spec: { containers: p.containers.map((c) => ({ name: c.name })) },
      status: {
        phase: 'Running',
        podIP: p.podIP,
        qosClass: p.qosClass,
        containerStatuses: p.containers.map((c) => ({
          name: c.name,
          containerID: `containerd://${c.id}`,
          state: { running: {} },
          ...(c.oomKilledId
            ? {
                lastState: {
                  terminated: {
                    reason: 'OOMKilled',
                    exitCode: 137,
                    containerID: `containerd://${c.oomKilledId}`,
                  },
                },
              }
            : {}),
        })),
      },
    })),
  };
}
