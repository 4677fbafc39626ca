/** `gomemlens ps` as a table people read: sizes in MiB/GiB, one process a line. */
import type { PsRow } from '../analysis/ps.js';
import { formatBytes, formatLimit } from '../model/units.js';

const HEADERS = ['PID', 'GO', 'LIMIT', 'RSS', 'WORKING SET', 'GOMEMLIMIT', 'GOGC', 'COMMAND'];

export function renderPsText(rows: readonly PsRow[], commandWidth = 60): string {
  if (rows.length === 0) return 'no Go processes found\n';
  const table = rows.map((r) => [
    String(r.pid),
    r.goVersion,
    r.limit === undefined ? '-' : formatLimit(r.limit),
    r.rssBytes === undefined ? '-' : formatBytes(r.rssBytes),
    r.workingSetBytes === undefined ? '-' : formatBytes(r.workingSetBytes),
    gomemlimitText(r),
    r.gogc,
    truncate(r.command, commandWidth),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), ...table.map(line)].join('\n') + '\n';
}

function gomemlimitText(r: PsRow): string {
  const g = r.gomemlimit;
  if (g.text === undefined) return 'unset';
  if (g.malformed) return `${g.text} (malformed)`;
  return g.text;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}
