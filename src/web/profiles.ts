/**
 * The report's heap and goroutine profiles, shown by the one profile component
 * (profile-view.ts): the last profile first, diffed against the first one taken.
 */
import type { ReportProfile } from '../report/html/report-data.js';
import { clock } from './dom.js';
import { profileView } from './profile-view.js';

/** One view per profile kind; `prefix` keeps element ids apart ("" for heap, "g-" for goroutine). */
export function profilesView(
  list: readonly ReportProfile[],
  onError: (msg: string) => void,
  prefix = '',
): HTMLElement {
  const entries = list.map((p) => ({ label: `${clock(p.t)} (${p.reason})`, data: p.data }));
  return profileView(entries, {
    prefix,
    pick: entries.length - 1,
    base: entries.length > 1 ? 0 : -1,
    topRows: 25,
    diffRows: 15,
    onError,
  });
}
