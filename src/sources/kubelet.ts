/**
 * The pods of this node, for names and pod IPs: the kubelet's GET /pods (the same PodList the
 * kubelet holds; port 10250, authorised as nodes/proxy: kubernetes.io/docs/reference/
 * access-authn-authz/kubelet-authn-authz/), or the API server's
 * GET /api/v1/pods?fieldSelector=spec.nodeName=NODE (authorised as pods list). Inside a pod the
 * service account's token and CA are at the standard paths (kubernetes.io/docs/tasks/
 * run-application/access-api-from-pod/); the token is read again at every request, because a
 * projected token is rotated. A failed read is a problem string, never an exception.
 */
import https from 'node:https';
import { readFile } from 'node:fs/promises';
import { parsePodList, type PodInfo } from '../formats/k8s-pod-list.js';
import { ParseError } from '../model/errors.js';
import { describeFsError, hasCode } from './fs-errors.js';
import { fetchLimited } from './http.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface PodSourceOptions {
  /** https://NODE:10250 (the kubelet) or https://kubernetes.default.svc (the API server). */
  readonly url: string;
  /** With an API server URL: this node's name (spec.nodeName). */
  readonly nodeName?: string;
  readonly tokenFile?: string;
  readonly caFile?: string;
  /** Kubelet serving certificates are often self-signed (metrics-server's --kubelet-insecure-tls). */
  readonly insecureTls?: boolean;
  readonly timeoutMs?: number;
}

export type PodListRead =
  | { readonly ok: true; readonly pods: readonly PodInfo[] }
  | { readonly ok: false; readonly problem: string };

export interface PodSource {
  /** Where the pods are read from, for messages. */
  readonly where: string;
  list(signal?: AbortSignal): Promise<PodListRead>;
}

/** A node holds at most a few hundred pods; their PodList is a few MiB. */
const MAX_BYTES = 64 << 20;

export function podSource(o: PodSourceOptions): PodSource {
  const base = o.url.replace(/\/+$/, '');
  const url =
    o.nodeName === undefined
      ? `${base}/pods`
      : `${base}/api/v1/pods?fieldSelector=${encodeURIComponent(`spec.nodeName=${o.nodeName}`)}`;
  const tokenFile = o.tokenFile ?? `${SERVICE_ACCOUNT_DIR}/token`;
  const caFile = o.caFile ?? `${SERVICE_ACCOUNT_DIR}/ca.crt`;
  let agent: https.Agent | undefined;
  return {
    where: url,
    async list(signal) {
      const secure = url.startsWith('https:');
      // The token goes only over TLS: over plain HTTP anyone on the path could take it.
      const token = secure ? await readSecret(tokenFile) : undefined;
      if (typeof token === 'object') return { ok: false, problem: token.problem };
      if (secure && !agent) {
        const ca = await readSecret(caFile);
        if (typeof ca === 'object') return { ok: false, problem: ca.problem };
        agent = new https.Agent({ keepAlive: true, ca, rejectUnauthorized: !o.insecureTls });
      }
      const r = await fetchLimited(url, {
        timeoutMs: o.timeoutMs ?? 5000,
        maxBytes: MAX_BYTES,
        acceptGzip: true,
        agent,
        signal,
        headers: token ? { authorization: `Bearer ${token.trim()}` } : undefined,
      });
      if (r.outcome !== 'ok' || !r.body)
        return { ok: false, problem: `${url}: ${r.detail ?? r.outcome}` };
      return parse(url, Buffer.from(r.body).toString('utf8'));
    },
  };
}

function parse(url: string, text: string): PodListRead {
  try {
    return { ok: true, pods: parsePodList(text) };
  } catch (err) {
    if (err instanceof ParseError)
      return { ok: false, problem: `${url}: not a PodList (${err.message})` };
    throw err;
  }
}

/** A missing token or CA is undefined (no credentials); an unreadable one is a problem. */
async function readSecret(path: string): Promise<string | undefined | { problem: string }> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (hasCode(err, 'ENOENT')) return undefined;
    return { problem: `cannot read ${path}: ${describeFsError(err)}` };
  }
}
