/**
 * A unified diff (as `diff -u` prints it) of two texts, for `k8s fix` without --write. Myers'
 * O((N+M)D) algorithm: fixes change a few lines of large files, so D stays small.
 */
type Edit = { readonly kind: ' ' | '-' | '+'; readonly line: string };

export function unifiedDiff(
  before: string,
  after: string,
  oldName: string,
  newName: string,
  context = 3,
): string {
  if (before === after) return '';
  const edits = myers(splitLines(before), splitLines(after));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const hunk of hunks(edits, context)) out.push(...hunk);
  return out.join('\n') + '\n';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function myers(a: string[], b: string[]): Edit[] {
  const max = a.length + b.length;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
      let x = down ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= a.length && y >= b.length) return backtrack(trace, a, b);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: string[], b: string[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d > 0) edits.push(down ? { kind: '+', line: b[--y] } : { kind: '-', line: a[--x] });
  }
  return edits.reverse();
}

function hunks(edits: Edit[], context: number): string[][] {
  const out: string[][] = [];
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  while (i < edits.length) {
    if (edits[i].kind === ' ') {
      i++;
      oldLine++;
      newLine++;
    } else {
      const start = Math.max(0, i - context);
      let end = i;
      let quiet = 0;
      while (end < edits.length && quiet <= 2 * context) {
        quiet = edits[end].kind === ' ' ? quiet + 1 : 0;
        end++;
      }
      end = Math.min(edits.length, end - Math.max(0, quiet - context));
      const slice = edits.slice(start, end);
      const o0 = oldLine - (i - start);
      const n0 = newLine - (i - start);
      const oldCount = slice.filter((e) => e.kind !== '+').length;
      const newCount = slice.filter((e) => e.kind !== '-').length;
      out.push([
        `@@ -${o0},${oldCount} +${n0},${newCount} @@`,
        ...slice.map((e) => e.kind + e.line),
      ]);
      for (const e of edits.slice(i, end)) {
        if (e.kind !== '+') oldLine++;
        if (e.kind !== '-') newLine++;
      }
      i = end;
    }
  }
  return out;
}
