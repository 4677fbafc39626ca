/**
 * Starts the real webhook (`gomemlens k8s webhook`) as a child process on 127.0.0.1 with a
 * certificate made by openssl for the occasion, and talks to it over TLS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './helpers.js';

export interface Webhook {
  readonly port: number;
  readonly pid: number;
  readonly ca: Buffer;
  readonly agent: Agent;
  stderr(): string;
  stop(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, or the reason there is none. */
export function makeCertificate(): { dir: string; cert: string; key: string } | string {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-webhook-'));
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1', // ECDSA P-256: cheaper handshakes than RSA
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8' },
  );
  if (r.error || r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `openssl cannot make a certificate: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}`;
  }
  return { dir, cert, key };
}

export async function startWebhook(
  tls: { cert: string; key: string },
  mode: string,
  extra: string[] = [],
  cli = CLI,
): Promise<Webhook> {
  const child = spawn(
    process.execPath,
    [
      cli,
      'k8s',
      'webhook',
      '--tls-cert',
      tls.cert,
      '--tls-key',
      tls.key,
      '--mode',
      mode,
      '--listen',
      '127.0.0.1:0',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`webhook did not start: ${err}`)), 10_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on https:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve(Number(m[1]));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`webhook exited ${code}: ${err}`));
    });
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: readFileSync(tls.cert) });
  return {
    port,
    pid: child.pid!,
    ca: readFileSync(tls.cert),
    agent,
    stderr: () => err,
    stop: () => stopChild(child, agent),
  };
}

async function stopChild(child: ChildProcess, agent: Agent): Promise<void> {
  agent.destroy();
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface Answer {
  readonly status: number;
  /** The review's own time on the server (Server-Timing), in ms. */
  readonly serverMs?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked field by field
  readonly body: any;
}

export function post(
  hook: Webhook,
  path: string,
  body: string | Buffer,
  method = 'POST',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: hook.port,
        path,
        method,
        agent: hook.agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const timing = /review;dur=([0-9.]+)/.exec(String(res.headers['server-timing'] ?? ''));
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text),
              serverMs: timing ? Number(timing[1]) : undefined,
            });
          } catch {
            reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function review(object: unknown, uid: string, operation = 'CREATE'): string {
  const kind = (object as { kind?: string } | null)?.kind ?? 'Pod';
  const group = kind === 'Pod' ? '' : 'apps';
  return JSON.stringify({
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group, version: 'v1', kind },
      resource: { group, version: 'v1', resource: `${kind.toLowerCase()}s` },
      requestKind: { group, version: 'v1', kind },
      namespace: 'shop',
      operation,
      userInfo: { username: 'system:serviceaccount:kube-system:replicaset-controller' },
      object,
      oldObject: null,
      dryRun: false,
    },
  });
}
