/**
 * The report's heap and goroutine profiles, shown by the one profile component
 * (profile-view.ts): the last profile first, diffed against the first one taken.
 */
import type { ReportProfile } from '../report/html/report-data.js';
import { clock } from './dom.js';
import { profileView, type ProfileEntry } from './profile-view.js';

/**
 * One entry object per profile, so a view rebuilt when a profile arrives (the live page)
 * parses only the new one (profile-view.ts caches parses per entry object).
 */
const entries = new Map<string, ProfileEntry>();
const MAX_ENTRIES = 200;

function entryOf(p: ReportProfile): ProfileEntry {
  let e = entries.get(p.data);
  if (!e) {
    e = { label: `${clock(p.t)} (${p.reason})`, data: p.data };
    entries.set(p.data, e);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return e;
}

/** What was chosen in a view before it is rebuilt with more profiles (the live page). */
export interface Chosen {
  /** The profile shown (its data), or undefined when it was the newest: then the newest again. */
  readonly pick?: string;
  /** The diff base (its data); null for none. */
  readonly base?: string | null;
}

/** One view per profile kind; `prefix` keeps element ids apart ("" for heap, "g-" for goroutine). */
export function profilesView(
  list: readonly ReportProfile[],
  onError: (msg: string) => void,
  prefix = '',
  chosen: Chosen = {},
): HTMLElement {
  const shown = list.map(entryOf);
  const at = (data: string | undefined) => list.findIndex((p) => p.data === data);
  const pick =
    chosen.pick !== undefined && at(chosen.pick) >= 0 ? at(chosen.pick) : shown.length - 1;
  const base =
    chosen.base === null
      ? -1
      : chosen.base !== undefined && at(chosen.base) >= 0
        ? at(chosen.base)
        : shown.length > 1
          ? 0
          : -1;
  return profileView(shown, { prefix, pick, base, topRows: 25, diffRows: 15, onError });
}

/** The choice made in a view built by profilesView over `list`, read from its controls. */
export function chosenIn(root: ParentNode, list: readonly ReportProfile[], prefix = ''): Chosen {
  const value = (id: string) =>
    (root.querySelector(`#${prefix}${id}`) as HTMLSelectElement | null)?.value;
  const pick = value('profile-pick');
  const base = value('profile-base');
  if (pick === undefined) return {};
  const i = Number(pick);
  const b = Number(base ?? -1);
  return {
    pick: i === list.length - 1 ? undefined : list[i]?.data,
    base: b < 0 ? null : list[b]?.data,
  };
}
