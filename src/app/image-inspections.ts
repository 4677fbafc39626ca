/**
 * `k8s lint --inspect-images`: reads each image the inventory's containers run from its
 * registry (sources/registry/) and hands the results to Go detection. Any image that cannot be
 * read stops the run with one error naming it: the user asked for facts, not guesses.
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import { imageRequests } from '../analysis/k8s/image-requests.js';
import type { Inventory } from '../analysis/k8s/inventory.js';
import type { ImageInspection } from '../model/image-inspection.js';
import { loadDockerConfig, RegistryAuth } from '../sources/registry/auth.js';
import { defaultCacheDir } from '../sources/registry/cache.js';
import { inspectImages } from '../sources/registry/inspect.js';

/** The whole inspection, all images. */
const DEADLINE_MS = 15 * 60_000;

export interface InspectionOptions {
  /** os/arch[/variant] picked from an index. */
  readonly platform: string;
  /** Default $XDG_CACHE_HOME/gomemlens/images or ~/.cache/gomemlens/images. */
  readonly cacheDir?: string;
  /** Per request, and per pause in a download. */
  readonly timeoutMs: number;
  /** Uncompressed layer bytes read at most per image. */
  readonly maxImageBytes: number;
  /** One line per image read. */
  readonly progress?: (line: string) => void;
}

/** Detection options with the inspections, and one inspection per image and command line. */
export async function inspectInventoryImages(
  inventory: Inventory,
  detect: GoDetectOptions,
  o: InspectionOptions,
): Promise<{ detect: GoDetectOptions; images: ImageInspection[] }> {
  const inspections = await inspectImages(imageRequests(inventory), {
    auth: new RegistryAuth(await loadDockerConfig()),
    platform: o.platform,
    cacheDir: o.cacheDir ?? defaultCacheDir(),
    timeoutMs: o.timeoutMs,
    maxImageBytes: o.maxImageBytes,
    signal: AbortSignal.timeout(DEADLINE_MS),
    progress: o.progress,
  });
  // One line per image and command line, in a stable order.
  const unique = new Map(
    [...inspections.values()].map((i) => [`${i.image} ${i.argv.join(' ')}`, i]),
  );
  const images = [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, i]) => i);
  return { detect: { ...detect, inspections }, images };
}
