/**
 * Flags that say which images run Go: --go-image REGEX (repeatable) and --config FILE (the
 * gomemlens configuration file: k8s.goImages / k8s.otherImages). Shared by k8s lint, fix, gen.
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import { imagePattern, type ImagePattern } from '../analysis/k8s/image-language.js';
import { parseConfig } from '../formats/gomemlens-config.js';
import { ParseError } from '../formats/kernel-text.js';
import { InputError, UsageError } from '../model/errors.js';
import { readInputText } from '../sources/input-file.js';

export const DETECT_FLAGS = {
  'go-image': { type: 'string', multiple: true },
  config: { type: 'string' },
} as const;

export const DETECT_HELP = `  --go-image REGEX   images that run Go (repeatable; the whole image must match, as written
                     or canonical like docker.io/library/nginx)
  --config FILE      gomemlens configuration: k8s.goImages and k8s.otherImages (docs/k8s.md)`;

/** A configuration file is a few lines; anything larger is not one. */
const MAX_CONFIG_BYTES = 1 << 20;

export async function detectOptions(values: {
  'go-image'?: string[];
  config?: string;
}): Promise<GoDetectOptions> {
  const go: ImagePattern[] = (values['go-image'] ?? []).map((re) =>
    compile(re, '--go-image', (why) => new UsageError(why)),
  );
  const other: ImagePattern[] = [];
  if (values.config !== undefined) {
    const name = values.config;
    const text = await readInputText(name, { maxBytes: MAX_CONFIG_BYTES, what: 'configuration' });
    let config;
    try {
      config = parseConfig(text);
    } catch (err) {
      if (err instanceof ParseError) throw new InputError(`${name}: ${err.message}`);
      throw err;
    }
    const bad = (why: string) => new InputError(`${name}: ${why}`);
    for (const re of config.goImages) go.push(compile(re, 'config goImages', bad));
    for (const re of config.otherImages) other.push(compile(re, 'config otherImages', bad));
  }
  return { patterns: { go, other } };
}

function compile(source: string, from: string, fail: (why: string) => Error): ImagePattern {
  try {
    return imagePattern(source, from);
  } catch (err) {
    throw fail(`${from} ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}
