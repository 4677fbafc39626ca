/**
 * The tables of the profile component: top (flat, cum and their shares per node, pprof's
 * numbers), a diff's change per node, and peek's callers and callees. Names go in as text.
 */
import type { PeekNode, PeekReport } from '../analysis/profile-peek.js';
import type { TopReport } from '../analysis/profile-top.js';
import { formatBytes } from '../model/units.js';
import { el } from './dom.js';

export function valueFormat(unit: string, signed = false): (v: number) => string {
  return (v) => {
    const sign = signed && v > 0 ? '+' : '';
    return sign + (unit === 'bytes' ? formatBytes(v) : String(v));
  };
}

const pctOf = (total: number) => (v: number) =>
  total ? `${((100 * Math.abs(v)) / total).toFixed(1)}%` : '-';

/** Top rows; search keeps the matching ones; clicking a row calls onPick with its name. */
export function topTable(
  r: TopReport,
  unit: string,
  o: { signed?: boolean; search?: RegExp; onPick?: (name: string) => void } = {},
): HTMLElement {
  const fmt = valueFormat(unit, o.signed);
  const pct = pctOf(r.total);
  // A diff's shares are of the base profile's total, as go tool pprof -diff_base gives them:
  // a site that grew 60x reads "6001.5%", so the header says what it is relative to.
  const heads = o.signed
    ? ['flat change', 'of base total', 'cum change', 'of base total', 'name']
    : ['flat', 'flat%', 'cum', 'cum%', 'name'];
  const head = el('tr', {}, ...heads.map((h) => el('th', {}, h)));
  const rows = r.rows
    .filter((row) => !o.search || o.search.test(row.name))
    .map((row) => {
      // The (inline) mark is drawn by CSS from the attribute: the cell's text is the name.
      const name = el(
        'td',
        { class: 'fn', ...(row.inline ? { 'data-inline': row.inline } : {}) },
        row.name,
      );
      const tr = el(
        'tr',
        {},
        el('td', {}, fmt(row.flat)),
        el('td', {}, pct(row.flat)),
        el('td', {}, fmt(row.cum)),
        el('td', {}, pct(row.cum)),
        name,
      );
      const pick = o.onPick;
      if (pick) tr.addEventListener('click', () => pick(row.name));
      return tr;
    });
  const caption =
    o.signed &&
    el(
      'caption',
      {},
      `Shares are of the base profile's total, ${fmt(Math.abs(r.total)).replace(/^\+/, '')}.`,
    );
  return el('table', { class: 'top' }, caption, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** Callers above, the node, callees below: one block per matching node, as pprof -peek. */
export function peekTable(r: PeekReport, unit: string, limit = 20): HTMLElement {
  const fmt = valueFormat(unit);
  const pct = pctOf(r.total);
  const box = el('div', { class: 'peek' });
  for (const n of r.nodes.slice(0, limit)) box.append(peekBlock(n, fmt, pct));
  if (r.nodes.length > limit)
    box.append(el('p', { class: 'muted' }, `${r.nodes.length - limit} more matches not shown`));
  return box;
}

function peekBlock(n: PeekNode, fmt: (v: number) => string, pct: (v: number) => string) {
  const share = pctOf(n.cum);
  const edge = (cls: string) => (e: PeekNode['callers'][number]) =>
    el(
      'tr',
      { class: cls },
      el('td', {}, fmt(e.weight)),
      el('td', {}, share(e.weight)),
      el('td', { class: 'fn' }, e.name + (e.inline ? ' (inline)' : '')),
    );
  const self = el(
    'tr',
    { class: 'self' },
    el('td', {}, fmt(n.cum)),
    el('td', {}, pct(n.cum)),
    el('td', { class: 'fn' }, `${n.name} (flat ${fmt(n.flat)})`),
  );
  return el(
    'table',
    { class: 'top' },
    el('tbody', {}, ...n.callers.map(edge('caller')), self, ...n.callees.map(edge('callee'))),
  );
}
