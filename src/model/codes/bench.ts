/** Finding codes of the bench domain. Add a code here and its wording in src/report/messages/bench.ts. */
export const BENCH_CODES = [] as const;

export type BenchCode = (typeof BENCH_CODES)[number];
