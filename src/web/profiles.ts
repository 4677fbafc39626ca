/**
 * Heap and goroutine profiles in the page, parsed by the same pprof engine as the CLI: the top
 * sites (table), an icicle graph with a switchable sample type, and the growth diff between
 * two chosen profiles (like go tool pprof -diff_base).
 */
import {
  profileTop,
  topOfInputs,
  resolveSampleIndex,
  type TopReport,
} from '../analysis/profile-top.js';
import { decodeBase64 } from '../formats/base64.js';
import { parseProfile } from '../formats/pprof-detect.js';
import type { Profile } from '../model/profile.js';
import type { ReportProfile } from '../report/html/report-data.js';
import { clock, el } from './dom.js';
import { formatBytes } from '../model/units.js';
import { flameTree, renderFlame } from './flame.js';

/** Parsed profiles, keyed by the record itself (each view has its own list). */
const cache = new WeakMap<ReportProfile, Promise<Profile>>();

function load(list: readonly ReportProfile[], i: number): Promise<Profile> {
  const record = list[i];
  let p = cache.get(record);
  if (!p) {
    p = parseProfile(decodeBase64(record.data), { maxDecompressedBytes: 256 << 20 });
    cache.set(record, p);
  }
  return p;
}

/** One view per profile kind; `prefix` keeps element ids apart ("" for heap, "g-" for goroutine). */
export function profilesView(
  list: readonly ReportProfile[],
  onError: (msg: string) => void,
  prefix = '',
): HTMLElement {
  const root = el('div', { class: 'profiles' });
  if (list.length === 0) {
    root.append(
      el('p', { class: 'muted' }, 'No profile of this kind in this capture (was --url given?).'),
    );
    return root;
  }
  const option = (p: ReportProfile, i: number) =>
    el('option', { value: String(i) }, `${clock(p.t)} (${p.reason})`);
  const pick = el('select', { id: `${prefix}profile-pick` }, ...list.map(option));
  const base = el('select', { id: `${prefix}profile-base` }, ...list.map(option));
  const type = el('select', { id: `${prefix}sample-type` });
  pick.value = String(list.length - 1);
  base.value = '0';
  const top = el('div', { id: `${prefix}top-table` });
  const flame = el('div', { id: `${prefix}flame` });
  const diff = el('div', { id: `${prefix}diff-table` });
  const controls = el(
    'div',
    { class: 'controls' },
    el('label', {}, 'profile ', pick),
    el('label', {}, 'sample type ', type),
    el('label', {}, 'diff base ', base),
  );
  root.append(
    controls,
    el('h3', {}, 'Top sites'),
    top,
    el('h3', {}, 'Icicle graph'),
    flame,
    el('h3', {}, 'Growth since the base profile'),
    diff,
  );
  const refresh = async () => {
    try {
      const [p, b] = await Promise.all([
        load(list, Number(pick.value)),
        load(list, Number(base.value)),
      ]);
      syncTypes(type, p);
      const index = resolveSampleIndex(p, type.value);
      const unit = p.sampleTypes[index].unit;
      top.replaceChildren(
        topTable(profileTop(p, { sampleIndex: type.value, nodeCount: 25 }), unit),
      );
      flame.replaceChildren(renderFlame(flameTree(p, index), unit));
      const d = topOfInputs(
        [
          { profile: p, sampleIndex: index, sign: 1 },
          { profile: b, sampleIndex: resolveSampleIndex(b, type.value), sign: -1 },
        ],
        { nodeCount: 15 },
      );
      diff.replaceChildren(topTable(d, unit, true));
    } catch (err) {
      onError(`profile: ${(err as Error).message}`);
    }
  };
  for (const s of [pick, base, type]) s.addEventListener('change', () => void refresh());
  void refresh();
  return root;
}

function topTable(r: TopReport, unit: string, signed = false): HTMLElement {
  const fmt = (v: number) =>
    unit === 'bytes'
      ? `${signed && v > 0 ? '+' : ''}${formatBytes(v)}`
      : `${signed && v > 0 ? '+' : ''}${v}`;
  const pct = (v: number) => (r.total ? `${((100 * v) / r.total).toFixed(1)}%` : '-');
  const head = el(
    'tr',
    {},
    ...['flat', 'flat%', 'cum', 'cum%', 'function'].map((h) => el('th', {}, h)),
  );
  const rows = r.rows.map((row) =>
    el(
      'tr',
      {},
      el('td', {}, fmt(row.flat)),
      el('td', {}, pct(row.flat)),
      el('td', {}, fmt(row.cum)),
      el('td', {}, pct(row.cum)),
      el('td', { class: 'fn' }, row.name),
    ),
  );
  return el('table', { class: 'top' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The sample type choices are the profile's own (heap: inuse/alloc space/objects; goroutine: count). */
function syncTypes(select: HTMLSelectElement, p: Profile): void {
  const names = p.sampleTypes.map((t) => t.type);
  const shown = [...select.options].map((o) => o.value);
  if (names.join() === shown.join()) return;
  const keep = names.includes(select.value)
    ? select.value
    : names[resolveSampleIndex(p, undefined)];
  select.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
  select.value = keep;
}
