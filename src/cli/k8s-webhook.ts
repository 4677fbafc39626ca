/** `gomemlens k8s webhook --tls-cert F --tls-key F [--mode warn|deny|mutate] [--listen ADDR]`. */
import type { AddressInfo } from 'node:net';
import type { WebhookMode } from '../analysis/k8s/admission.js';
import { describeFinding } from '../report/messages/index.js';
import { InputError, UsageError } from '../model/errors.js';
import { MiB } from '../model/units.js';
import { readInputBytes } from '../sources/input-file.js';
import { parseFlags, severityFlag } from './flags.js';
import { lintOptions, RATIO_FLAGS, RATIO_HELP } from './k8s-options.js';
import { createWebhookServer } from './k8s-webhook-server.js';

const HELP = `Usage: gomemlens k8s webhook --tls-cert FILE --tls-key FILE [flags]

An HTTPS admission webhook (admission.k8s.io/v1 AdmissionReview) for Go workloads.
Routes: POST /validate (warnings; refusals with --mode deny), POST /mutate (a JSON Patch that
sets GOMEMLIMIT), POST / (follows --mode), GET /healthz. deploy/webhook.yaml deploys it.
TLS handshake and headers time out after 5 s, requests after 10 s; bodies over 4 MiB get 413;
bodies over 64 KiB are reviewed on a worker thread; every 5xx answer is logged to stderr.

Flags:
  --tls-cert FILE    PEM certificate (chain) the API server trusts (caBundle)
  --tls-key FILE     PEM private key
  --mode M           warn (default), deny or mutate: what POST / does
  --deny-at S        with deny: refuse at this severity or above (default error)
  --listen ADDR      host:port (default 127.0.0.1:8443; port 0 picks a free one)
${RATIO_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const flags = {
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    mode: { type: 'string' },
    'deny-at': { type: 'string' },
    listen: { type: 'string' },
    ...RATIO_FLAGS,
  } as const;
  const { values, help } = parseFlags(argv, flags, HELP);
  if (help) return 0;
  if (!values['tls-cert'] || !values['tls-key'])
    throw new UsageError('--tls-cert and --tls-key are required');
  const mode = (values.mode ?? 'warn') as WebhookMode;
  if (!['warn', 'deny', 'mutate'].includes(mode))
    throw new UsageError(`--mode wants warn, deny or mutate, got "${mode}"`);
  const { host, port } = parseListen(values.listen ?? '127.0.0.1:8443');
  const settings = {
    mode,
    options: lintOptions(values),
    denyAt: severityFlag('deny-at', values['deny-at']) ?? 'error',
    describe: (f: Parameters<typeof describeFinding>[0]) => describeFinding(f).summary,
  };
  const key = await readPem(values['tls-key']);
  const cert = await readPem(values['tls-cert']);
  const server = tlsServer(() =>
    createWebhookServer({
      key,
      cert,
      settings,
      onError: (m) => console.error(`gomemlens k8s webhook: ${m}`),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) =>
      reject(new InputError(`cannot listen on ${host}:${port}: ${err.message}`)),
    );
    server.listen(port, host, resolve);
  });
  const addr = server.address() as AddressInfo;
  console.log(`gomemlens k8s webhook (${mode}) listening on https://${host}:${addr.port}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new UsageError(`--listen wants host:port, got "${text}"`);
  return { host: m[1].replace(/^\[|\]$/g, '') || '0.0.0.0', port: Number(m[2]) };
}

/** A certificate chain or key is a few KiB; /dev/zero or a stray big file stops at 1 MiB. */
const MAX_PEM_BYTES = MiB;

function readPem(path: string): Promise<Buffer> {
  return readInputBytes(path, { maxBytes: MAX_PEM_BYTES, what: 'PEM file' });
}

/** A key that does not match, or a file that is not PEM, fails here: one line, exit 2. */
function tlsServer<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw new InputError(`TLS certificate or key unusable: ${(err as Error).message}`);
  }
}
