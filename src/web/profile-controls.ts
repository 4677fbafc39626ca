/**
 * The controls of the profile component: profile, diff base, sample type, granularity, a
 * search regexp (marks icicle frames, keeps matching table rows) and a peek regexp. Changing
 * what is computed (profile, base, type, granularity) calls onChange('data'); what is only
 * drawn (search, peek), onChange('view').
 */
import { GRANULARITIES, type Granularity } from '../analysis/profile-nodes.js';
import { el } from './dom.js';

export interface Controls {
  readonly root: HTMLElement;
  pick(): number;
  base(): number;
  sampleType(): string;
  granularity(): Granularity;
  search(): string;
  peek(): string;
  setPeek(regexp: string): void;
  setStatus(text: string): void;
  /** Offers the profile's own sample types, keeping the one chosen when it still exists. */
  syncTypes(names: readonly string[], preferred: string): void;
}

export interface ControlOptions {
  readonly prefix: string;
  readonly pick: number;
  readonly base: number;
  readonly onChange: (what: 'data' | 'view') => void;
}

export function profileControls(list: readonly { label: string }[], o: ControlOptions): Controls {
  const id = (name: string) => `${o.prefix}${name}`;
  const options = (extra: [string, string][]) => [
    ...extra.map(([v, text]) => el('option', { value: v }, text)),
    ...list.map((p, i) => el('option', { value: String(i) }, p.label)),
  ];
  const pick = el('select', { id: id('profile-pick') }, ...options([]));
  const base = el('select', { id: id('profile-base') }, ...options([['-1', '(none)']]));
  const type = el('select', { id: id('sample-type') });
  const gran = el(
    'select',
    { id: id('granularity') },
    ...GRANULARITIES.map((g) => el('option', { value: g }, g)),
  );
  const search = el('input', { id: id('search'), type: 'search', placeholder: 'regexp' });
  const peek = el('input', { id: id('peek-input'), type: 'search', placeholder: 'regexp' });
  const status = el('span', { id: id('search-status'), class: 'muted' });
  pick.value = String(o.pick);
  base.value = String(o.base);
  for (const s of [pick, base, type, gran]) s.addEventListener('change', () => o.onChange('data'));
  for (const s of [search, peek]) s.addEventListener('input', () => o.onChange('view'));
  const root = el(
    'div',
    { class: 'controls' },
    list.length > 1 && el('label', {}, 'profile ', pick),
    el('label', {}, 'diff base ', base),
    el('label', {}, 'sample type ', type),
    el('label', {}, 'granularity ', gran),
    el('label', {}, 'search ', search),
    el('label', {}, 'peek ', peek),
    status,
  );
  return {
    root,
    pick: () => Number(pick.value),
    base: () => Number(base.value),
    sampleType: () => type.value,
    granularity: () => gran.value as Granularity,
    search: () => search.value,
    peek: () => peek.value,
    setPeek(text) {
      peek.value = text;
      o.onChange('view');
    },
    setStatus: (text) => void (status.textContent = text),
    syncTypes(names, preferred) {
      if ([...type.options].map((x) => x.value).join() === names.join()) return;
      const keep = names.includes(type.value) ? type.value : preferred;
      type.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
      type.value = keep;
    },
  };
}
