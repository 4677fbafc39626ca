/**
 * `gomemlens report CAPTURE -o report.html`: one self-contained HTML file from a watch
 * capture (charts, breakdown at any moment, findings, heap profiles, post-mortem).
 */
import { analyzeCapture } from '../app/capture.js';
import { readCaptureFile } from '../app/capture-file.js';
import { formatBytes } from '../model/units.js';
import { renderReportHtml } from '../report/html/page.js';
import { buildReportData, reportProfiles } from '../report/html/report-data.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { inputName } from '../sources/input-file.js';
import { InputError, UsageError } from '../model/errors.js';
import { readWebAssets } from './web-assets.js';
import { parseFlags } from './flags.js';

const HELP = `gomemlens report CAPTURE -o report.html

Turns a capture written by \`gomemlens watch\` into one self-contained HTML file (inlined
JavaScript and CSS, embedded data; opens from file:// with no network): memory, GC,
memory.events and forecast charts; the reconciled breakdown at any moment you click; the
findings with their evidence; top allocation sites, icicle graph and growth diff of the heap
profiles; the post-mortem when the target died.

CAPTURE may be "-" (stdin; then give -o). Captures over 400 MiB are refused; damaged records
are left out with a note (docs/watch.md).

Flags:
  -o, --out FILE   the HTML file to write (default: CAPTURE with .html)
  --json           print the report data as JSON instead`;

const OPTIONS = { out: { type: 'string', short: 'o' }, json: { type: 'boolean' } } as const;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  if (positionals.length !== 1) throw new UsageError('give exactly one CAPTURE file');
  const spec = positionals[0];
  if (spec === '-' && !values.out && !values.json)
    throw new UsageError('reading the capture from stdin: give -o FILE or --json');
  const read = await readCaptureFile(spec);
  if (read.samples.length === 0 && read.notes.length > 0)
    throw new InputError(`${inputName(spec)}: no valid samples (${read.notes[0]})`);
  const { capture, postMortem } = await analyzeCapture(read, reportProfiles);
  const data = buildReportData(capture, postMortem);
  if (values.json) {
    console.log(JSON.stringify(data));
    return 0;
  }
  const out = values.out ?? spec.replace(/(\.ndjson)?$/, '.html');
  const html = renderReportHtml(data, readWebAssets('report'));
  await writeFileAtomic(out, html);
  console.error(
    `wrote ${out} (${formatBytes(Buffer.byteLength(html))}, ${data.sampleCount} samples, ${data.profiles.length} profiles)`,
  );
  return 0;
}
