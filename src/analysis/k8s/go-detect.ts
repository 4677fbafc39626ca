/**
 * Which containers run Go. A manifest does not say which language an image is written in, so
 * the rule is explicit and documented (docs/k8s.md), first match wins:
 *   1. `gomemlens.dev/go: "false"` on the pod template (or the workload) opts the whole pod out;
 *   2. a container that sets a Go runtime variable (GOMEMLIMIT, GOGC, GODEBUG, GOMAXPROCS,
 *      GOTRACEBACK) in env, or through envFrom of a ConfigMap in the input, is Go;
 *   3. `gomemlens.dev/go: "true"` marks every regular container of the pod as Go (init
 *      containers only by rule 2, since they are often shell or busybox images);
 *   4. the image's entrypoint binary, read with --inspect-images: Go build info or not;
 *   5. the image matches a team's pattern (--go-image, the config file) or the catalogue of
 *      well-known images (go-image-catalogue.ts);
 *   6. otherwise the language is unknown: not checked, and counted in the summary.
 * Whenever the image was inspected and holds a Go binary, its version comes along.
 */
import type { ImageInspection } from '../../model/image-inspection.js';
import { GO_ANNOTATION, GO_RUNTIME_ENV, type GoClassification } from '../../model/k8s.js';
import { imageLanguage, NO_PATTERNS, type ImagePatterns } from './image-language.js';

export interface GoDetectInput {
  readonly init: boolean;
  readonly annotation: string | undefined;
  readonly envNames: readonly string[];
  readonly unresolvedEnvFrom: number;
  readonly image?: string;
  readonly inspection?: ImageInspection;
}

/** What the caller knows besides the manifest: team patterns and inspected images. */
export interface GoDetectOptions {
  readonly patterns: ImagePatterns;
  /** Inspections by imageRequestKey (model/image-inspection.ts). */
  readonly inspections?: ReadonlyMap<string, ImageInspection>;
}

export const DEFAULT_DETECT: GoDetectOptions = { patterns: NO_PATTERNS };

export function detectGo(
  input: GoDetectInput,
  patterns: ImagePatterns = NO_PATTERNS,
): GoClassification {
  const seen = input.inspection;
  const binary =
    seen?.verdict === 'go' && seen.goVersion
      ? {
          goVersion: seen.goVersion,
          goexperiment: seen.goexperiment,
          source: `${seen.image}@${seen.digest}:${seen.binary}`,
        }
      : undefined;
  const go = (reason: string): GoClassification => ({ isGo: true, language: 'go', reason, binary });
  const other = (reason: string): GoClassification => ({ isGo: false, language: 'other', reason });
  if (input.annotation === 'false') return other(`${GO_ANNOTATION}: "false"`);
  const goVar = input.envNames.find((n) => (GO_RUNTIME_ENV as readonly string[]).includes(n));
  if (goVar) return go(`sets ${goVar}`);
  if (input.annotation === 'true' && !input.init) return go(`${GO_ANNOTATION}: "true"`);
  if (binary) return go(`${seen!.binary} in the image is a Go binary (${binary.goVersion})`);
  if (seen?.verdict === 'not-go') return other(`${seen.binary ?? 'entrypoint'}: ${seen.reason}`);
  const known = imageLanguage(input.image, patterns);
  if (known?.language === 'go') return go(known.reason);
  if (known) return other(known.reason);
  const unknown =
    input.unresolvedEnvFrom > 0 ? ' (envFrom sources not in the input were not read)' : '';
  return {
    isGo: false,
    language: 'unknown',
    reason: `no Go runtime variable, no ${GO_ANNOTATION} annotation and an image not known to be Go${unknown}`,
  };
}
