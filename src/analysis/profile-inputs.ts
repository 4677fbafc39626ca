/**
 * The inputs of a report after pprof's filters (internal/driver generateRawReport): the total
 * is taken first, over every sample (report.New runs before applyFocus), then each input is
 * filtered; filters that matched nothing give pprof's warning.
 */
import { type GraphInput, reportTotal } from './profile-graph.js';
import { compileFilters, filterProfile, hasFilters, type FilterOptions } from './profile-filter.js';

export interface ReportInputs {
  readonly inputs: readonly GraphInput[];
  /** The report total when filters changed the samples, else undefined (the graph's own). */
  readonly total?: number;
  /** "Focus expression matched no samples", ... */
  readonly notes: readonly string[];
}

export function filteredInputs(inputs: readonly GraphInput[], o: FilterOptions): ReportInputs {
  const filters = compileFilters(o);
  if (!hasFilters(filters)) return { inputs, notes: [] };
  const total = reportTotal(inputs);
  const matched = new Set<string>();
  const filtered = inputs.map((input) => {
    const r = filterProfile(input.profile, filters, input.sign < 0);
    for (const m of r.matched) matched.add(m);
    return { ...input, profile: r.profile };
  });
  const names = ['Focus', 'Ignore', 'Hide', 'Show', 'ShowFrom', 'TagFocus', 'TagIgnore'];
  const notes = [
    ...(filters.notes ?? []),
    ...names.filter((n) => !matched.has(n)).map((n) => `${n} expression matched no samples`),
  ];
  return { inputs: filtered, total, notes };
}

/** pprof's "Active filters:" legend entries, "focus=main", in pprof's order. */
export function activeFilters(o: FilterOptions): string[] {
  const pairs: [string, string | undefined][] = [
    ['focus', o.focus],
    ['ignore', o.ignore],
    ['hide', o.hide],
    ['show', o.show],
    ['show_from', o.showFrom],
    ['tagfocus', o.tagFocus],
    ['tagignore', o.tagIgnore],
  ];
  return pairs.filter(([, v]) => v).map(([k, v]) => `${k}=${v}`);
}
