/**
 * Which images run Go, as a team says: --go-image expressions and the configuration file
 * (--config: k8s.goImages / k8s.otherImages), read with a size cap, parsed and compiled. A bad
 * expression is the flag's fault (UsageError) or the file's (an InputError naming it).
 */
import type { GoDetectOptions } from '../analysis/k8s/go-detect.js';
import { imagePattern, type ImagePattern } from '../analysis/k8s/image-language.js';
import { parseConfig } from '../formats/gomemlens-config.js';
import { InputError, parseAt, UsageError } from '../model/errors.js';
import { inputName, readInputText } from '../sources/input-file.js';

/** A configuration file is a few lines; anything larger is not one. */
const MAX_CONFIG_BYTES = 1 << 20;

export async function goDetectOptions(
  goImages: readonly string[],
  configFile: string | undefined,
): Promise<GoDetectOptions> {
  const go = goImages.map((re) => compile(re, '--go-image', (why) => new UsageError(why)));
  const other: ImagePattern[] = [];
  if (configFile !== undefined) {
    const text = await readInputText(configFile, {
      maxBytes: MAX_CONFIG_BYTES,
      what: 'configuration',
    });
    const file = inputName(configFile);
    const config = parseAt({ file }, () => parseConfig(text));
    const bad = (why: string) => new InputError(`${file}: ${why}`);
    for (const re of config.goImages) go.push(compile(re, 'config goImages', bad));
    for (const re of config.otherImages) other.push(compile(re, 'config otherImages', bad));
  }
  return { patterns: { go, other } };
}

function compile(source: string, from: string, fail: (why: string) => Error): ImagePattern {
  try {
    return imagePattern(source, from);
  } catch (err) {
    // new RegExp's SyntaxError: "Invalid regular expression: /.../: Unterminated group".
    throw fail(`${from} ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}
