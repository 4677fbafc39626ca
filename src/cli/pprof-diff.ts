/** `gomemlens pprof diff BASE NEW`: what grew or shrank, like `go tool pprof -diff_base`. */
import { redactUrl } from '../sources/http.js';
import { companionDiff, profileDiff } from '../analysis/profile-diff.js';
import { profileHeaderLines, renderTopText, topToJson } from '../report/pprof-top.js';
import { UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';
import { COMMON_HELP, COMMON_OPTIONS, loadProfile, topOptions } from './pprof-input.js';

const HELP = `Usage: gomemlens pprof diff BASE NEW [flags]

NEW minus BASE per function, ranked, with go tool pprof -diff_base's numbers: percentages
are of the BASE total; negative values shrank. JSON adds the change in objects (or bytes)
next to the change in bytes (or objects).

Flags:
  --normalize        scale NEW to BASE's total first (compare shapes, not volumes)
${COMMON_HELP}`;

const OPTIONS = { ...COMMON_OPTIONS, normalize: { type: 'boolean' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 2) throw new UsageError('diff wants BASE and NEW (see --help)');
  if (positionals[0] === '-' && positionals[1] === '-')
    throw new UsageError('only one of BASE and NEW can be "-" (stdin)');
  const opts = { ...topOptions(v), normalize: v.normalize ?? false };
  const [base, next] = await Promise.all(positionals.map((s) => loadProfile(s, v)));
  const report = profileDiff(base, next, opts);
  if (v.json) {
    const other = companionDiff(base, next, report.sampleIndex, opts);
    const json = topToJson(report, {
      base: redactUrl(positionals[0]),
      new: redactUrl(positionals[1]),
      normalized: opts.normalize,
    }) as { rows: Record<string, unknown>[] };
    const key = report.sampleType.type.endsWith('_space') ? 'objects' : 'bytes';
    for (const row of json.rows) row[key] = other.get(row.name as string) ?? { flat: 0, cum: 0 };
    console.log(JSON.stringify(json, null, 2));
    return 0;
  }
  const header = profileHeaderLines(next, report.sampleType.type);
  process.stdout.write(renderTopText(report, { unit: opts.unit, headerLines: header }));
  return 0;
}
