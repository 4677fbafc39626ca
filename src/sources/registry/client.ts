/**
 * One repository of an OCI distribution registry (distribution-spec v1.1, "Pulling"):
 * GET /v2/<name>/manifests/<reference> and /v2/<name>/blobs/<digest>, with the auth dance of
 * auth.ts. Manifests and configs are small and read whole, digest-checked; layers are streamed
 * (layers.ts). Docker Hub's API lives at registry-1.docker.io; localhost and loopback
 * registries speak plain HTTP, as Docker and crane assume, every other registry HTTPS.
 */
import { createHash } from 'node:crypto';
import {
  MANIFEST_ACCEPT,
  parseManifest,
  type Descriptor,
  type ManifestDoc,
} from '../../formats/oci-image.js';
import { DOCKER_HUB, type ImageRef } from '../../model/image-ref.js';
import { InputError, parseAt } from '../../model/errors.js';
import type { RegistryAuth } from './auth.js';
import { readBody, send } from './http.js';

/** Manifests are a few KB (the spec lets registries refuse over 4 MiB). */
const MAX_MANIFEST_BYTES = 4 << 20;
/** Image configs hold the history of every layer: tens of KB, rarely more. */
export const MAX_CONFIG_BYTES = 8 << 20;

export interface ClientOptions {
  readonly auth: RegistryAuth;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

export class RegistryClient {
  private readonly base: string;
  private readonly scope: string;

  constructor(
    readonly ref: ImageRef,
    private readonly opts: ClientOptions,
  ) {
    const host = ref.registry === DOCKER_HUB ? 'registry-1.docker.io' : ref.registry;
    this.base = `${plainHttp(host) ? 'http' : 'https'}://${host}/v2/${ref.repository}`;
    this.scope = `repository:${ref.repository}:pull`;
  }

  /** The manifest (or index) at a tag or digest, with the digest of its bytes. */
  async manifest(reference: string): Promise<{ doc: ManifestDoc; digest: string }> {
    const res = await this.get(`/manifests/${reference}`, MANIFEST_ACCEPT);
    const bytes = await readBody(
      res,
      MAX_MANIFEST_BYTES,
      `manifest ${reference}`,
      this.opts.timeoutMs,
    );
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (reference.startsWith('sha256:') && digest !== reference)
      throw new InputError(`manifest ${reference}: the registry sent bytes of digest ${digest}`);
    const type = res.headers.get('content-type') ?? undefined;
    return {
      doc: parseAt({ file: `manifest ${reference}` }, () => parseManifest(bytes, type)),
      digest,
    };
  }

  /** A small blob (the image config), read whole and checked against its digest. */
  async blobBytes(d: Descriptor, maxBytes: number): Promise<Uint8Array> {
    if (d.size > maxBytes) throw new InputError(`blob ${d.digest}: ${d.size} bytes is too large`);
    const res = await this.blob(d);
    const bytes = await readBody(
      res,
      Math.min(maxBytes, d.size),
      `blob ${d.digest}`,
      this.opts.timeoutMs,
    );
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (digest !== d.digest)
      throw new InputError(`blob ${d.digest}: the registry sent bytes of digest ${digest}`);
    return bytes;
  }

  /** A blob's answer, status checked; the caller streams the body. */
  blob(d: Descriptor): Promise<Response> {
    return this.get(`/blobs/${d.digest}`, '*/*');
  }

  private async get(path: string, accept: string): Promise<Response> {
    const { auth, signal, timeoutMs } = this.opts;
    const registry = this.ref.registry;
    const url = this.base + path;
    const headers = (authorization?: string): Record<string, string> => ({
      accept,
      'user-agent': 'gomemlens',
      ...(authorization ? { authorization } : {}),
    });
    let res = await send(url, {
      headers: headers(auth.cached(registry, this.scope)),
      signal,
      timeoutMs,
    });
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate');
      await res.body?.cancel().catch(() => undefined);
      const answer = await auth.answer(registry, this.scope, challenge, { signal, timeoutMs });
      if (!answer)
        throw new InputError(
          `${registry}: authentication required and no credentials for it in the Docker config`,
        );
      res = await send(url, { headers: headers(answer), signal, timeoutMs });
    }
    if (res.status === 200) return res;
    await res.body?.cancel().catch(() => undefined);
    throw new InputError(
      `${registry}/${this.ref.repository}${path.replace(/^\/[a-z]+\//, ': ')}: ${statusText(res.status)}`,
    );
  }
}

function statusText(status: number): string {
  if (status === 401) return 'credentials refused (HTTP 401)';
  if (status === 403) return 'access denied (HTTP 403)';
  if (status === 404) return 'not found (HTTP 404)';
  if (status === 429) return 'rate limited by the registry (HTTP 429)';
  return `HTTP ${status}`;
}

/** localhost, 127.0.0.0/8 and ::1 registries, with or without a port. */
export function plainHttp(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}
