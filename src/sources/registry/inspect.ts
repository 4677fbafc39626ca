/**
 * `k8s lint --inspect-images`: for each image, index -> platform manifest -> config -> the
 * program the container runs -> its Go build info, read with the same reader `diagnose` uses
 * on /proc/PID/exe. Results are cached by digest (cache.ts); with every request of an image in
 * the cache, nothing is downloaded but the manifest of a tag (a pinned digest needs nothing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lookupProgram, type ImageRunConfig } from '../../formats/image-command.js';
import {
  parseImageConfig,
  pickPlatform,
  type Descriptor,
  type ManifestDoc,
} from '../../formats/oci-image.js';
import {
  imageRequestKey,
  type ImageInspection,
  type ImageRequest,
} from '../../model/image-inspection.js';
import { manifestReference, parseImageRef, type ImageRef } from '../../model/image-ref.js';
import { InputError, parseAt } from '../../model/errors.js';
import type { RegistryAuth } from './auth.js';
import { readCache, writeCache, type CachedProgram } from './cache.js';
import { MAX_CONFIG_BYTES, RegistryClient } from './client.js';
import { ImageFiles } from './image-files.js';
import { programVerdict } from './program.js';

export interface InspectOptions {
  readonly auth: RegistryAuth;
  /** os/arch[/variant] picked from an index. */
  readonly platform: string;
  /** undefined: no cache. */
  readonly cacheDir?: string;
  /** Per request, and per pause in a body. */
  readonly timeoutMs: number;
  /** Uncompressed layer bytes read at most per image. */
  readonly maxImageBytes: number;
  readonly signal: AbortSignal;
  /** One line per image read (the CLI prints it on a terminal). */
  readonly progress?: (line: string) => void;
}

/** Inspections by imageRequestKey, for every request; throws InputError naming the image. */
export async function inspectImages(
  requests: readonly ImageRequest[],
  opts: InspectOptions,
): Promise<Map<string, ImageInspection>> {
  const byImage = new Map<string, ImageRequest[]>();
  for (const r of requests) byImage.set(r.image, [...(byImage.get(r.image) ?? []), r]);
  const out = new Map<string, ImageInspection>();
  const queue = [...byImage.entries()];
  // The first failure ends the run: the other downloads stop instead of keeping it alive.
  const stop = new AbortController();
  const each = { ...opts, signal: AbortSignal.any([opts.signal, stop.signal]) };
  const worker = async () => {
    for (let next = queue.shift(); next && !stop.signal.aborted; next = queue.shift()) {
      const [image, reqs] = next;
      try {
        for (const found of await inspectImage(image, reqs, each))
          out.set(imageRequestKey(found.request), found.inspection);
      } catch (err) {
        stop.abort();
        if (err instanceof InputError) throw new InputError(`image ${image}: ${err.message}`);
        throw err;
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return out;
}

async function inspectImage(image: string, reqs: readonly ImageRequest[], opts: InspectOptions) {
  const ref = parseImageRef(image);
  if (!ref) throw new InputError('not an image reference');
  const client = new RegistryClient(ref, opts);
  const pinned = ref.digest;
  const top = pinned ? undefined : await client.manifest(manifestReference(ref));
  const key = pinned ?? top!.digest;
  const cached = opts.cacheDir ? await readCache(opts.cacheDir, key, opts.platform) : undefined;
  const programs: Record<string, CachedProgram> = { ...cached?.programs };
  let config = cached?.config;
  let manifestDigest = cached?.manifestDigest;
  const lookups = (c: ImageRunConfig) => reqs.map((r) => ({ r, lookup: lookupProgram(c, r) }));
  const missing = (c: ImageRunConfig) =>
    lookups(c).filter(
      ({ lookup }) => !('unknown' in lookup) && !valid(programs[lookupKey(lookup.candidates)]),
    );
  if (!config || missing(config).length > 0) {
    const read = await readImage(client, ref, top, opts);
    config = read.config;
    manifestDigest = read.manifestDigest;
    const todo = missing(config).map(({ lookup }) =>
      'unknown' in lookup ? [] : lookup.candidates,
    );
    if (todo.length > 0) {
      opts.progress?.(`reading ${image} (${read.layers.length} layers)`);
      Object.assign(programs, await findPrograms(client, read.layers, todo, opts));
    }
    if (opts.cacheDir)
      await writeCache(opts.cacheDir, key, {
        manifestDigest,
        platform: opts.platform,
        config,
        programs,
      });
  }
  return lookups(config).map(({ r, lookup }) => {
    const base = { image, digest: manifestDigest!, platform: opts.platform, argv: lookup.argv };
    const found: CachedProgram =
      'unknown' in lookup
        ? { verdict: 'unknown', reason: lookup.unknown }
        : programs[lookupKey(lookup.candidates)];
    return { request: r, inspection: { ...base, ...found } satisfies ImageInspection };
  });
}

/** Index -> the platform's manifest -> config. */
async function readImage(
  client: RegistryClient,
  ref: ImageRef,
  top: { doc: ManifestDoc; digest: string } | undefined,
  opts: InspectOptions,
) {
  let got = top ?? (await client.manifest(manifestReference(ref)));
  if (got.doc.kind === 'index') {
    const d = pickPlatform(got.doc.manifests, opts.platform);
    if (!d) {
      const have = got.doc.manifests.map((m) => m.platform ?? '?').join(', ');
      throw new InputError(
        `no ${opts.platform} image in the index (it has ${have || 'none'}; see --platform)`,
      );
    }
    got = await client.manifest(d.digest);
  }
  if (got.doc.kind !== 'manifest') throw new InputError('not an image manifest');
  const bytes = await client.blobBytes(got.doc.config, MAX_CONFIG_BYTES);
  const config = parseAt({ file: `config ${got.doc.config.digest}` }, () =>
    parseImageConfig(bytes),
  );
  return { config, layers: got.doc.layers, manifestDigest: got.digest };
}

/** Reads the layers once for every lookup, and each program's build info. */
async function findPrograms(
  client: RegistryClient,
  layers: readonly Descriptor[],
  todo: readonly (readonly string[])[],
  opts: InspectOptions,
): Promise<Record<string, CachedProgram>> {
  const tmp = await mkdtemp(join(tmpdir(), 'gomemlens-image-'));
  const budget = { left: opts.maxImageBytes, total: opts.maxImageBytes };
  const files = new ImageFiles(client, layers, tmp, budget, opts.timeoutMs);
  try {
    const wanted = new Set(todo.flat().map((c) => c.slice(c.lastIndexOf('/') + 1)));
    await files.readAll(wanted);
    const out: Record<string, CachedProgram> = {};
    for (const candidates of todo) out[lookupKey(candidates)] = await programOf(files, candidates);
    return out;
  } finally {
    await files.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

async function programOf(files: ImageFiles, candidates: readonly string[]): Promise<CachedProgram> {
  const reasons: string[] = [];
  for (const c of candidates) {
    const r = files.fs.resolve(c);
    if ('missing' in r) {
      reasons.push(r.missing);
      continue;
    }
    if (!files.copies.has(r.path)) await files.fetch([r.path]);
    const copy = files.copies.get(r.path);
    if (!copy) throw new InputError(`/${r.path} could not be read from its layer`);
    return { binary: `/${r.path}`, ...(await programVerdict(copy)) };
  }
  if (candidates.length === 1)
    return { verdict: 'unknown', reason: `${candidates[0]} is not in the image (${reasons[0]})` };
  const name = candidates[0].slice(candidates[0].lastIndexOf('/') + 1);
  const dirs = candidates.map((c) => c.slice(0, c.lastIndexOf('/'))).join(':');
  return { verdict: 'unknown', reason: `${name} is in no directory of PATH ${dirs}` };
}

function lookupKey(candidates: readonly string[]): string {
  return candidates.join(':');
}

function valid(p: CachedProgram | undefined): boolean {
  return (
    p !== undefined &&
    ['go', 'not-go', 'unknown'].includes(p.verdict) &&
    typeof p.reason === 'string'
  );
}
