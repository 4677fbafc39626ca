/**
 * The one profile component, in the HTML report and in `gomemlens pprof html`: pick a
 * profile, a diff base, a sample type and a granularity; the top table (pprof's numbers, the
 * same engine as the CLI), the change since the base, an icicle graph with search and zoom,
 * and peek (callers and callees of the functions matching a regexp, or of a clicked row).
 *
 * Using it on a page:
 *  - `profileView(entries, options)` returns one element; append it anywhere. Each entry is a
 *    label and the profile's own bytes (gzipped or not) in base64, as report/html embeds them.
 *  - Profiles are parsed when first shown, once per entry object (a WeakMap): a page that
 *    gets a new profile (a live view) builds a new view over the old entry objects plus the
 *    new one, and only the new one is parsed.
 *  - The page brings profile.css (and report.css for the table and control styles) and an
 *    `onError` sink: a profile that does not parse is reported there, never thrown.
 *  - Element ids, each behind `options.prefix` so two views can share a page: profile-pick,
 *    profile-base, sample-type, granularity, search, peek-input, search-status (controls),
 *    top-table, diff-table, flame, peek. Tests and pages may rely on them.
 */
import type { GraphInput } from '../analysis/profile-graph.js';
import type { Granularity } from '../analysis/profile-nodes.js';
import { profileTop, resolveSampleIndex, topOfInputs } from '../analysis/profile-top.js';
import { decodeBase64 } from '../formats/base64.js';
import { parseProfile } from '../formats/pprof-detect.js';
import type { Profile } from '../model/profile.js';
import { el } from './dom.js';
import { profileControls, type Controls } from './profile-controls.js';
import { FlamePanel } from './profile-flame-panel.js';
import { peekTable, topTable } from './profile-tables.js';
import { compileGoRegexp } from '../analysis/go-regexp.js';
import { peekOfInputs } from '../analysis/profile-peek.js';

export interface ProfileEntry {
  readonly label: string;
  /** The profile's bytes (gzipped or not), base64. */
  readonly data: string;
}

export interface ProfileViewOptions {
  /** Keeps element ids apart when a page has several views ("" by default). */
  readonly prefix?: string;
  /** The profile shown first (default: the last) and the diff base (default: none, -1). */
  readonly pick?: number;
  readonly base?: number;
  /** Rows of the top and change tables (0: all). */
  readonly topRows?: number;
  readonly diffRows?: number;
  readonly onError: (msg: string) => void;
}

const cache = new WeakMap<ProfileEntry, Promise<Profile>>();

function load(e: ProfileEntry): Promise<Profile> {
  let p = cache.get(e);
  if (!p) {
    p = parseProfile(decodeBase64(e.data), { maxDecompressedBytes: 512 << 20, labels: false });
    cache.set(e, p);
  }
  return p;
}

export function profileView(list: readonly ProfileEntry[], o: ProfileViewOptions): HTMLElement {
  const prefix = o.prefix ?? '';
  const root = el('div', { class: 'profiles' });
  if (list.length === 0) {
    root.append(el('p', { class: 'muted' }, 'No profile of this kind here.'));
    return root;
  }
  const id = (name: string) => `${prefix}${name}`;
  const top = el('div', { id: id('top-table'), class: 'scroll' });
  const diff = el('div', { id: id('diff-table'), class: 'scroll' });
  const peek = el('div', { id: id('peek') });
  const flame = new FlamePanel(id('flame'));
  const c: Controls = profileControls(list, {
    prefix,
    pick: o.pick ?? list.length - 1,
    base: o.base ?? -1,
    onChange: (what) => void (what === 'view' ? draw() : refresh()),
  });
  const diffHead = el('h3', {}, 'Change since the base profile');
  root.append(
    c.root,
    el('h3', {}, 'Top'),
    top,
    diffHead,
    diff,
    el('h3', {}, 'Icicle graph'),
    flame.root,
    el('h3', {}, 'Peek: callers and callees'),
    peek,
  );
  let state: { inputs: GraphInput[]; unit: string; granularity: Granularity } | undefined;

  const refresh = async () => {
    try {
      const p = await load(list[c.pick()]);
      const b = c.base() >= 0 ? await load(list[c.base()]) : undefined;
      c.syncTypes(
        p.sampleTypes.map((t) => t.type),
        p.sampleTypes[resolveSampleIndex(p, undefined)].type,
      );
      const type = c.sampleType();
      const inputs: GraphInput[] = [
        { profile: p, sampleIndex: resolveSampleIndex(p, type), sign: 1 },
      ];
      if (b) inputs.push({ profile: b, sampleIndex: resolveSampleIndex(b, type), sign: -1 });
      const granularity = c.granularity();
      state = { inputs, unit: p.sampleTypes[inputs[0].sampleIndex].unit, granularity };
      flame.load(inputs, { granularity }, state.unit);
      draw();
    } catch (err) {
      o.onError(`profile: ${(err as Error).message}`);
    }
  };

  const draw = () => {
    if (!state) return;
    const { inputs, unit, granularity } = state;
    const search = regexp(c.search(), c.setStatus);
    const opts = { sampleIndex: String(inputs[0].sampleIndex), granularity };
    const onPick = (name: string) => c.setPeek(`^${name.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`);
    const t = profileTop(inputs[0].profile, { ...opts, nodeCount: o.topRows ?? 0 });
    top.replaceChildren(topTable(t, unit, { search, onPick }));
    diffHead.hidden = diff.hidden = inputs.length < 2;
    if (inputs.length > 1) {
      const d = topOfInputs(inputs, { granularity, nodeCount: o.diffRows ?? 0 });
      diff.replaceChildren(topTable(d, unit, { signed: true, search, onPick }));
    }
    flame.draw(search);
    drawPeek(inputs, unit, granularity);
  };

  const drawPeek = (inputs: GraphInput[], unit: string, granularity: Granularity) => {
    const text = c.peek();
    if (!text) {
      peek.replaceChildren(el('p', { class: 'muted' }, 'Click a row, or give a regexp above.'));
      return;
    }
    try {
      peek.replaceChildren(peekTable(peekOfInputs(inputs, text, { granularity }), unit));
    } catch (err) {
      peek.replaceChildren(el('p', { class: 'muted' }, (err as Error).message));
    }
  };

  void refresh();
  return root;
}

/** A Go regexp from the search box, or undefined when empty (or bad: then it says why). */
function regexp(text: string, status: (m: string) => void): RegExp | undefined {
  status('');
  if (!text) return undefined;
  try {
    return compileGoRegexp(text, 'search');
  } catch (err) {
    status((err as Error).message);
    return undefined;
  }
}
