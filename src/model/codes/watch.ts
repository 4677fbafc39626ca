/** Finding codes of the watch domain. Add a code here and its wording in src/report/messages/watch.ts. */
export const WATCH_CODES = [] as const;

export type WatchCode = (typeof WATCH_CODES)[number];
