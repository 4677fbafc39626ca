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

/** One view per profile kind; `prefix` keeps element ids apart ("" for heap, "g-" for goroutine). */
export function profilesView(
  list: readonly ReportProfile[],
  onError: (msg: string) => void,
  prefix = '',
): HTMLElement {
  const shown = list.map(entryOf);
  return profileView(shown, {
    prefix,
    pick: shown.length - 1,
    base: shown.length > 1 ? 0 : -1,
    topRows: 25,
    diffRows: 15,
    onError,
  });
}
