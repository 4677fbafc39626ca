/**
 * --inspect-images for k8s lint: reads each image of the input from its registry
 * (sources/registry/) and hands the results to Go detection. Any image that cannot be read
 * stops the run with one line naming it (exit 2): the user asked for facts, not guesses.
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import { imageRequests } from '../analysis/k8s/image-requests.js';
import type { Inventory } from '../analysis/k8s/inventory.js';
import { UsageError } from '../model/errors.js';
import type { ImageInspection } from '../model/image-inspection.js';
import { GiB } from '../model/units.js';
import { loadDockerConfig, RegistryAuth } from '../sources/registry/auth.js';
import { defaultCacheDir } from '../sources/registry/cache.js';
import { inspectImages } from '../sources/registry/inspect.js';
import { durationFlag } from './flags.js';

export const IMAGE_FLAGS = {
  'inspect-images': { type: 'boolean' },
  platform: { type: 'string' },
  'cache-dir': { type: 'string' },
  'registry-timeout': { type: 'string' },
} as const;

export const IMAGE_HELP = `  --inspect-images   read each image from its registry (network): the entrypoint binary's
                     Go build info decides Go-ness and the Go version the rules use
  --platform P       the image of an index to read (default linux/amd64)
  --cache-dir DIR    inspection cache (default $XDG_CACHE_HOME/gomemlens/images or
                     ~/.cache/gomemlens/images)
  --registry-timeout D  per request and per pause in a download (default 30s)`;

/** Uncompressed layers read per image at most. */
const MAX_IMAGE_BYTES = 4 * GiB;
/** The whole inspection, all images. */
const DEADLINE_MS = 15 * 60_000;

export interface ImageValues {
  'inspect-images'?: boolean;
  platform?: string;
  'cache-dir'?: string;
  'registry-timeout'?: string;
}

export async function withInspections(
  inventory: Inventory,
  detect: GoDetectOptions,
  values: ImageValues,
): Promise<{ detect: GoDetectOptions; images?: ImageInspection[] }> {
  if (!values['inspect-images']) return { detect };
  const platform = values.platform ?? 'linux/amd64';
  if (!/^[a-z0-9]+\/[a-z0-9]+(\/[a-z0-9]+)?$/.test(platform))
    throw new UsageError(`--platform wants os/arch[/variant], like linux/arm64; got "${platform}"`);
  const timeoutMs = durationFlag('registry-timeout', values['registry-timeout']) ?? 30_000;
  const inspections = await inspectImages(imageRequests(inventory), {
    auth: new RegistryAuth(await loadDockerConfig()),
    platform,
    cacheDir: values['cache-dir'] ?? defaultCacheDir(),
    timeoutMs,
    maxImageBytes: MAX_IMAGE_BYTES,
    signal: AbortSignal.timeout(DEADLINE_MS),
    progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  const images = [
    ...new Map(
      [...inspections.values()].map((i) => [`${i.image} ${i.argv.join(' ')}`, i]),
    ).values(),
  ];
  return { detect: { ...detect, inspections }, images };
}
