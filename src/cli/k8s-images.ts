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
import { parseGoMemLimit } from '../model/gomemlimit.js';

export const IMAGE_FLAGS = {
  'inspect-images': { type: 'boolean' },
  platform: { type: 'string' },
  'cache-dir': { type: 'string' },
  'registry-timeout': { type: 'string' },
  'max-image-size': { type: 'string' },
} as const;

export const IMAGE_HELP = `  --inspect-images   read each image from its registry (network): the entrypoint binary's
                     Go build info decides Go-ness and the Go version the rules use
  --platform P       the image of an index to read (default linux/amd64)
  --cache-dir DIR    inspection cache (default $XDG_CACHE_HOME/gomemlens/images or
                     ~/.cache/gomemlens/images)
  --registry-timeout D  per request and per pause in a download (default 30s)
  --max-image-size S uncompressed layers read per image at most (default 4GiB)`;

/** Uncompressed layers read per image at most, by default. */
const MAX_IMAGE_BYTES = 4 * GiB;
/** The whole inspection, all images. */
const DEADLINE_MS = 15 * 60_000;

export interface ImageValues {
  'inspect-images'?: boolean;
  platform?: string;
  'cache-dir'?: string;
  'registry-timeout'?: string;
  'max-image-size'?: string;
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
    maxImageBytes: sizeFlag(values['max-image-size']),
    signal: AbortSignal.timeout(DEADLINE_MS),
    progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
  // One line per image and command line, in a stable order.
  const unique = new Map(
    [...inspections.values()].map((i) => [`${i.image} ${i.argv.join(' ')}`, i]),
  );
  const images = [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, i]) => i);
  return { detect: { ...detect, inspections }, images };
}

/** A size in Go's syntax (64MiB, 4GiB). */
function sizeFlag(text: string | undefined): number {
  if (text === undefined) return MAX_IMAGE_BYTES;
  const p = parseGoMemLimit(text);
  if (p.kind !== 'bytes' || p.bytes < 1)
    throw new UsageError(`--max-image-size wants a size like 512MiB or 4GiB, got "${text}"`);
  return p.bytes;
}
