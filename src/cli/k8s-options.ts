/** Flags shared by k8s lint, fix and webhook: the GOMEMLIMIT ratio band and the fix ratio. */
import { DEFAULT_LINT_OPTIONS, type LintOptions } from '../analysis/k8s/facts.js';
import { UsageError } from '../model/errors.js';

export const RATIO_FLAGS = {
  'min-ratio': { type: 'string' },
  'max-ratio': { type: 'string' },
  ratio: { type: 'string' },
} as const;

export const RATIO_HELP = `  --min-ratio R      lowest accepted GOMEMLIMIT / memory limit (default ${DEFAULT_LINT_OPTIONS.minRatio})
  --max-ratio R      highest accepted GOMEMLIMIT / memory limit (default ${DEFAULT_LINT_OPTIONS.maxRatio})
  --ratio R          GOMEMLIMIT / limit that fixes suggest (default ${DEFAULT_LINT_OPTIONS.ratio})`;

export function lintOptions(values: {
  'min-ratio'?: string;
  'max-ratio'?: string;
  ratio?: string;
}): LintOptions {
  const minRatio = ratioFlag('min-ratio', values['min-ratio']) ?? DEFAULT_LINT_OPTIONS.minRatio;
  const maxRatio = ratioFlag('max-ratio', values['max-ratio']) ?? DEFAULT_LINT_OPTIONS.maxRatio;
  const ratio = ratioFlag('ratio', values.ratio) ?? DEFAULT_LINT_OPTIONS.ratio;
  if (minRatio > maxRatio)
    throw new UsageError(`--min-ratio ${minRatio} is above --max-ratio ${maxRatio}`);
  return { minRatio, maxRatio, ratio };
}

function ratioFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^[0-9.]+$/.test(text) || !(n > 0 && n < 1))
    throw new UsageError(`--${name} wants a ratio between 0 and 1, like 0.9; got "${text}"`);
  return n;
}
