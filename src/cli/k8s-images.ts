/**
 * --inspect-images for k8s lint: its flags, checked here and handed to
 * app/image-inspections.ts, which reads each image of the input from its registry. Any image
 * that cannot be read stops the run with one line naming it (exit 2).
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import type { Inventory } from '../analysis/k8s/inventory.js';
import { inspectInventoryImages } from '../app/image-inspections.js';
import { UsageError } from '../model/errors.js';
import type { ImageInspection } from '../model/image-inspection.js';
import { GiB } from '../model/units.js';
import { durationFlag } from './flags.js';
import { sizeFlag } from './size-flag.js';

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
  return inspectInventoryImages(inventory, detect, {
    platform,
    cacheDir: values['cache-dir'],
    timeoutMs: durationFlag('registry-timeout', values['registry-timeout']) ?? 30_000,
    maxImageBytes: sizeFlag('max-image-size', values['max-image-size']) ?? MAX_IMAGE_BYTES,
    progress: process.stderr.isTTY ? (line) => process.stderr.write(`${line}\n`) : undefined,
  });
}
