/** `gomemlens pprof top PROFILE|URL`: flat and cum per function, like `go tool pprof -top`. */
import { redactUrl } from '../sources/http.js';
import { profileTop } from '../analysis/profile-top.js';
import { profileHeaderLines, renderTopText, topToJson } from '../report/pprof-top.js';
import { UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';
import { COMMON_HELP, COMMON_OPTIONS, loadProfile, topOptions } from './pprof-input.js';

const HELP = `Usage: gomemlens pprof top PROFILE|URL [flags]

Flat and cum per function with go tool pprof's numbers, sort order, 0.5% node trimming
and layout. PROFILE: profile.proto (gzipped or not), or a ?debug=1 text heap/goroutine profile.

Flags:
${COMMON_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, COMMON_OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('top wants one PROFILE or URL (see --help)');
  const opts = topOptions(v);
  const profile = await loadProfile(positionals[0], v);
  const report = profileTop(profile, opts);
  if (v.json) {
    const extra = {
      source: redactUrl(positionals[0]),
      format: profile.format,
      notes: profile.notes,
      memstats: profile.memstats,
    };
    console.log(JSON.stringify(topToJson(report, extra), null, 2));
    return 0;
  }
  const header = profileHeaderLines(profile, report.sampleType.type);
  for (const note of profile.notes ?? []) console.error(`note: ${note}`);
  process.stdout.write(renderTopText(report, { unit: opts.unit, headerLines: header }));
  return 0;
}
