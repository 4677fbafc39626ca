/**
 * `gomemlens bench compare BASE NEW [...]`: benchstat's tables, plus a gate.
 * Wires inputs -> statistics -> renderer; exit 1 on a regression, 2 on bad input.
 */
import { parseThreshold, type GateResult, type Threshold } from '../analysis/bench/gate.js';
import type { BenchTables, CompareOptions } from '../analysis/bench/table.js';
import { compareBench } from '../app/bench-gate.js';
import { renderGateText, renderGithubAnnotations } from '../report/bench-gate.js';
import { renderTablesText } from '../report/bench-text.js';
import { writeFileAtomic } from '../sources/output-file.js';
import { UsageError } from '../model/errors.js';
import { parseFlags } from './flags.js';

const HELP = `Usage: gomemlens bench compare [flags] BASE NEW [MORE...]

Compares Go benchmark results with benchstat's statistics (median, 95% CI of the median,
Mann-Whitney U test) and fails on regressions. Inputs are \`go test -bench\` output files,
"-" for stdin, label=path to name a column, or baselines written by \`bench save\`.

Flags:
  --fail-on METRIC:+N%   fail (exit 1) when METRIC got worse by more than N% and the change is
                         significant; repeatable. e.g. allocs/op:+0%  B/op:+5%  sec/op:+10%
                         (ns/op means sec/op). Use -N% for higher-is-better units (B/s:-5%).
  --format FMT           text (benchstat's layout, default), json, markdown, csv
  --json                 same as --format json
  --markdown-out FILE    also write the markdown report to FILE (a PR comment)
  --alpha A              significance level (default 0.05)
  --confidence C         confidence level of the ranges (default 0.95)
  --row, --col, --table  benchstat projections (defaults .fullname, .file, .config)
  --filter QUERY         only results matching QUERY (key:value, key:/regexp/, -key:value)
  --ignore KEYS          ignore differences in these keys

When GITHUB_ACTIONS=true, regressions are also printed as ::error:: annotations.
Exit codes: 0 no regression, 1 regression, 2 usage or input error (empty or unparseable input).`;

const OPTIONS = {
  'fail-on': { type: 'string', multiple: true },
  format: { type: 'string' },
  json: { type: 'boolean' },
  'markdown-out': { type: 'string' },
  alpha: { type: 'string' },
  confidence: { type: 'string' },
  row: { type: 'string' },
  col: { type: 'string' },
  table: { type: 'string' },
  filter: { type: 'string' },
  ignore: { type: 'string' },
} as const;

function levelFlag(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1)
    throw new UsageError(`--${name} must be in range [0, 1], got "${text}"`);
  return v;
}

function thresholdsFlag(texts: string[] | undefined): Threshold[] {
  return (texts ?? []).map((t) => {
    const th = parseThreshold(t);
    if ('error' in th) throw new UsageError(th.error);
    return th;
  });
}

/** Renders in the chosen format; the renderers other than text load only when asked for. */
async function render(
  format: string,
  tables: BenchTables,
  gate: GateResult | undefined,
  warnings: string[],
): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/bench-json.js')).renderBenchJson(tables, gate, warnings);
    case 'markdown':
      return (await import('../report/bench-markdown.js')).renderBenchMarkdown(tables, gate);
    case 'csv': {
      const { csv, warnings: cellWarnings } = (
        await import('../report/bench-csv.js')
      ).renderTablesCsv(tables);
      for (const w of cellWarnings) console.error(w);
      return csv;
    }
    default:
      return renderTablesText(tables) + (gate ? '\n' + renderGateText(gate) : '');
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals, help } = parseFlags(argv, OPTIONS, HELP);
  if (help) return 0;
  const format = values.json ? 'json' : (values.format ?? 'text');
  if (!['text', 'json', 'markdown', 'csv'].includes(format))
    throw new UsageError(`--format must be text, json, markdown or csv, got "${format}"`);
  const thresholds = thresholdsFlag(values['fail-on']);
  if (thresholds.length > 0 && positionals.length < 2)
    throw new UsageError('--fail-on needs BASE and NEW inputs');
  const opts: CompareOptions = {
    alpha: levelFlag('alpha', values.alpha, 0.05),
    confidence: levelFlag('confidence', values.confidence, 0.95),
    row: values.row,
    col: values.col,
    table: values.table,
    filter: values.filter,
    ignore: values.ignore,
  };
  const { tables, gate, warnings, notes } = await compareBench(positionals, opts, thresholds);
  const markdownOut = values['markdown-out'];
  // Written first: a file that cannot be written is exit 2 before anything else is printed.
  if (markdownOut)
    await writeFileAtomic(markdownOut, await render('markdown', tables, gate, [...warnings]));
  for (const w of warnings) console.error(w);
  for (const n of notes) console.error(`note: ${n}`);
  process.stdout.write(await render(format, tables, gate, [...warnings]));
  if (gate && process.env.GITHUB_ACTIONS === 'true')
    process.stdout.write(renderGithubAnnotations(gate));
  return gate && gate.regressions.length > 0 ? 1 : 0;
}
