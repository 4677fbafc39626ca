/**
 * OCI image index, manifest and config documents, and their Docker v2 twins (OCI image-spec
 * v1.1: image-index.md, manifest.md, config.md; Docker "Image Manifest V2, Schema 2"). Only
 * the fields needed to find and read an image's program are kept.
 */
import { ParseError } from '../model/errors.js';
import { parseJson } from './json.js';
import type { ImageRunConfig } from './image-command.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

/** What a manifest request accepts, most wanted first. */
export const MANIFEST_ACCEPT = [
  MEDIA.ociIndex,
  MEDIA.dockerList,
  MEDIA.ociManifest,
  MEDIA.dockerManifest,
].join(', ');

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: string;
}

export type ManifestDoc =
  | { readonly kind: 'index'; readonly manifests: readonly Descriptor[] }
  | {
      readonly kind: 'manifest';
      readonly config: Descriptor;
      readonly layers: readonly Descriptor[];
    };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Parses a manifest or index; `contentType` is the registry's Content-Type header. */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined): ManifestDoc {
  const doc = json(bytes, 'manifest');
  const type =
    typeof doc.mediaType === 'string' ? doc.mediaType : (contentType ?? '').split(';')[0].trim();
  if (type === MEDIA.dockerSchema1 || doc.schemaVersion === 1)
    throw new ParseError('Docker schema 1 manifest: too old to read (push the image again)');
  if (
    Array.isArray(doc.manifests) &&
    (type === MEDIA.ociIndex || type === MEDIA.dockerList || !doc.layers)
  )
    return {
      kind: 'index',
      manifests: doc.manifests.map((d, i) => descriptor(d, `manifests[${i}]`)),
    };
  if (!Array.isArray(doc.layers))
    throw new ParseError(`not an image manifest (media type ${type || 'unset'})`);
  return {
    kind: 'manifest',
    config: descriptor(doc.config, 'config'),
    layers: doc.layers.map((d, i) => descriptor(d, `layers[${i}]`)),
  };
}

/** The manifest of `platform` ("linux/amd64", "linux/arm64/v8") in an index. */
export function pickPlatform(
  manifests: readonly Descriptor[],
  platform: string,
): Descriptor | undefined {
  const [os, arch, variant] = platform.split('/');
  const ok = (d: Descriptor) => {
    const [o, a, v] = (d.platform ?? '').split('/');
    return o === os && a === arch && (variant === undefined || v === undefined || v === variant);
  };
  return manifests.find(ok);
}

export interface ImageConfig extends ImageRunConfig {
  readonly os?: string;
  readonly architecture?: string;
}

export function parseImageConfig(bytes: Uint8Array): ImageConfig {
  const doc = json(bytes, 'image config');
  const c = doc.config === undefined || doc.config === null ? {} : record(doc.config, 'config');
  return {
    entrypoint: strings(c.Entrypoint, 'Entrypoint'),
    cmd: strings(c.Cmd, 'Cmd'),
    env: strings(c.Env, 'Env'),
    workingDir: typeof c.WorkingDir === 'string' ? c.WorkingDir : undefined,
    os: typeof doc.os === 'string' ? doc.os : undefined,
    architecture: typeof doc.architecture === 'string' ? doc.architecture : undefined,
  };
}

function descriptor(v: unknown, what: string): Descriptor {
  const d = record(v, what);
  if (typeof d.digest !== 'string' || !DIGEST.test(d.digest))
    throw new ParseError(`${what}: digest is not sha256:<64 hex>`);
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0)
    throw new ParseError(`${what}: size is not a byte count`);
  const p = d.platform === undefined ? undefined : record(d.platform, `${what}.platform`);
  const platform = p
    ? [p.os, p.architecture, p.variant].filter((x) => typeof x === 'string').join('/')
    : undefined;
  return {
    mediaType: typeof d.mediaType === 'string' ? d.mediaType : '',
    digest: d.digest,
    size: d.size,
    platform,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, checked field by field
function json(bytes: Uint8Array, what: string): Record<string, any> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ParseError(`${what} is not JSON (not UTF-8 text)`);
  }
  return record(parseJson(text, {}, `${what} is not JSON`), what);
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ParseError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

function strings(v: unknown, what: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string'))
    throw new ParseError(`image config ${what} is not a list of strings`);
  return v;
}
