/** `gomemlens pprof peek REGEX PROFILE|URL`: callers and callees, like `go tool pprof -peek`. */
import { peekOfInputs } from '../analysis/profile-peek.js';
import { resolveSampleIndex } from '../analysis/profile-top.js';
import type { GraphInput } from '../analysis/profile-graph.js';
import { renderPeekText } from '../report/pprof-peek.js';
import { profileHeaderLines } from '../report/pprof-top.js';
import { UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';
import {
  COMMON_HELP,
  COMMON_OPTIONS,
  loadProfile,
  needsLabels,
  topOptions,
} from './pprof-input.js';

const HELP = `Usage: gomemlens pprof peek REGEX PROFILE|URL [flags]

For each function whose name matches REGEX (a Go regexp): who calls it and what it calls,
with the weight of each call, like go tool pprof -peek. Untrimmed, as pprof's peek is.

Flags:
  --diff-base BASE   subtract BASE first (like -diff_base)
${COMMON_HELP}`;

const OPTIONS = { ...COMMON_OPTIONS, 'diff-base': { type: 'string' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 2) throw new UsageError('peek wants REGEX and PROFILE (see --help)');
  const [regex, source] = positionals;
  const opts = topOptions(v);
  const labels = needsLabels(opts);
  const profile = await loadProfile(source, v, labels);
  const inputs: GraphInput[] = [
    { profile, sampleIndex: resolveSampleIndex(profile, opts.sampleIndex), sign: 1 },
  ];
  const baseSource = v['diff-base'];
  if (baseSource !== undefined) {
    const base = await loadProfile(baseSource, v, labels);
    inputs.push({
      profile: base,
      sampleIndex: resolveSampleIndex(base, opts.sampleIndex),
      sign: -1,
    });
  }
  const report = peekOfInputs(inputs, regex, opts);
  for (const w of report.notes) console.error(w);
  if (v.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const header = profileHeaderLines(profile, report.sampleType.type);
  process.stdout.write(renderPeekText(report, { unit: opts.unit, headerLines: header }));
  return 0;
}
