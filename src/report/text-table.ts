/** Plain-text tables: columns padded to their widest cell, numbers right-aligned. */

/** `right[i]` right-aligns column i; the last column is never padded on the right. */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly boolean[] = [],
  indent = '',
): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map(
    (cells) =>
      indent +
      cells
        .map((c, i) =>
          right[i] ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i]),
        )
        .join('  ')
        .trimEnd(),
  );
}
