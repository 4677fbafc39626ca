/**
 * Flags that say which images run Go: --go-image REGEX (repeatable) and --config FILE (the
 * gomemlens configuration file: k8s.goImages / k8s.otherImages). Shared by k8s lint, fix, gen;
 * app/image-patterns.ts reads and compiles them.
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import { goDetectOptions } from '../app/image-patterns.js';

export const DETECT_FLAGS = {
  'go-image': { type: 'string', multiple: true },
  config: { type: 'string' },
} as const;

export const DETECT_HELP = `  --go-image REGEX   images that run Go (repeatable; the whole image must match, as written
                     or canonical like docker.io/library/nginx)
  --config FILE      gomemlens configuration: k8s.goImages and k8s.otherImages (docs/k8s.md)`;

export function detectOptions(values: {
  'go-image'?: string[];
  config?: string;
}): Promise<GoDetectOptions> {
  return goDetectOptions(values['go-image'] ?? [], values.config);
}
