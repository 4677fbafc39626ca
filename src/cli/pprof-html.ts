/**
 * `gomemlens pprof html PROFILE... [--base BASE] -o page.html`: one self-contained page to
 * explore profiles: top, icicle graph with search and zoom, peek, sample types, granularities
 * and the diff against a base. The profiles are checked here (bad input: exit 2, nothing
 * written) and embedded as given; the page parses them with the same engine.
 */
import { readProfileBytes } from '../app/profile-input.js';
import { UsageError } from '../model/errors.js';
import { formatBytes } from '../model/units.js';
import { renderPprofPage, type PprofPageData } from '../report/html/pprof-page.js';
import { redactUrl } from '../model/url.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { durationFlag, parseFlags } from './flags.js';
import { readWebAssets } from './web-assets.js';
import { maxSizeFlag } from './pprof-input.js';

const HELP = `Usage: gomemlens pprof html PROFILE|URL... [--base BASE] -o page.html

Writes one self-contained HTML file (inlined code, the profiles embedded, no network; opens
from file://): the top table with pprof's numbers, an icicle graph with search and zoom,
peek (callers and callees), the sample type and granularity to show, and the change since
a base profile. PROFILE: as for pprof top.

Flags:
  -o, --out FILE     the page to write (required)
  --base BASE        a profile to diff against (chosen as the base when the page opens)
  --title T          the page's title (default: the first PROFILE)
  --max-size SIZE    largest profile accepted, file/HTTP body and inflated (default 512MiB)
  --timeout D        HTTP deadline for a URL (default 30s)
  --gc               for a URL: ask the service to run a GC first (?gc=1)`;

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  base: { type: 'string' },
  title: { type: 'string' },
  'max-size': { type: 'string' },
  timeout: { type: 'string' },
  gc: { type: 'boolean' },
} as const;

export async function run(argv: string[]): Promise<number> {
  const { values: v, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length === 0)
    throw new UsageError('html wants at least one PROFILE (see --help)');
  if (!v.out) throw new UsageError('html wants -o FILE');
  const sources = v.base === undefined ? positionals : [...positionals, v.base];
  const read = {
    maxBytes: maxSizeFlag(v['max-size']),
    timeoutMs: durationFlag('timeout', v.timeout),
    gc: v.gc,
  };
  const profiles = [];
  const notes: string[] = [];
  for (const source of sources) {
    const { bytes, profile } = await readProfileBytes(source, read);
    const label = redactUrl(source);
    profiles.push({ label, data: Buffer.from(bytes).toString('base64') });
    for (const note of profile.notes ?? []) notes.push(`${label}: ${note}`);
  }
  const data: PprofPageData = {
    version: 1,
    title: v.title ?? `gomemlens pprof: ${profiles[0].label}`,
    profiles,
    ...(v.base === undefined ? {} : { base: profiles.length - 1 }),
    notes,
  };
  const html = renderPprofPage(data, readWebAssets('pprof'));
  await writeFileAtomic(v.out, html);
  console.error(
    `wrote ${v.out} (${formatBytes(Buffer.byteLength(html))}, ${profiles.length} profile${profiles.length === 1 ? '' : 's'})`,
  );
  return 0;
}
