/**
 * A unified diff (as `diff -u` prints it) of a text and the edits `k8s fix` made to it. The
 * edits say which lines changed, so no line-matching algorithm is needed: the diff is made in
 * one pass, in time and memory linear in the text (Myers' algorithm kept a trace of O(D^2)
 * for D changed lines: 10,000 fixes ran out of memory).
 */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Old lines [from, from + old.length) become `lines`; lines keep their line breaks. */
interface Change {
  readonly from: number;
  readonly old: string[];
  readonly lines: string[];
}

export function editDiff(
  before: string,
  edits: readonly TextEdit[],
  oldName: string,
  newName: string,
  context = 3,
): string {
  const changes = changesOf(before, edits);
  if (changes.length === 0) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const lines = new LineReader(before);
  let shift = 0; // new line number minus old line number before the current change
  for (let i = 0; i < changes.length;) {
    let j = i;
    while (j + 1 < changes.length && gap(changes[j], changes[j + 1]) <= 2 * context) j++;
    const first = changes[i];
    const last = changes[j];
    const from = Math.max(0, first.from - context);
    const to = Math.min(lines.count, last.from + last.old.length + context);
    const body: string[] = [];
    const oldCount = to - from;
    let newCount = oldCount;
    let at = from;
    for (const c of changes.slice(i, j + 1)) {
      for (; at < c.from; at++) body.push(...mark(' ', lines.line(at)));
      for (const l of c.old) body.push(...mark('-', l));
      for (const l of c.lines) body.push(...mark('+', l));
      newCount += c.lines.length - c.old.length;
      at = c.from + c.old.length;
    }
    for (; at < to; at++) body.push(...mark(' ', lines.line(at)));
    out.push(`@@ -${range(from, oldCount)} +${range(from + shift, newCount)} @@`, ...body);
    for (const c of changes.slice(i, j + 1)) shift += c.lines.length - c.old.length;
    i = j + 1;
  }
  return out.join('\n') + '\n';
}

function gap(a: Change, b: Change): number {
  return b.from - (a.from + a.old.length);
}

/** `diff -u` ranges: 1-based start and count; an empty range names the line before it. */
function range(from: number, count: number): string {
  return `${count === 0 ? from : from + 1},${count}`;
}

function mark(kind: string, line: string): string[] {
  return line.endsWith('\n')
    ? [kind + line.slice(0, -1)]
    : [kind + line, '\\ No newline at end of file'];
}

/** The changed whole lines of each (merged) edit, with lines equal on both sides trimmed. */
function changesOf(src: string, edits: readonly TextEdit[]): Change[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Change[] = [];
  let line = 0; // line number of offset `counted`
  let counted = 0;
  for (let i = 0; i < sorted.length;) {
    const regionStart = lineStart(src, sorted[i].start);
    let regionEnd = lineEndAfter(src, sorted[i]);
    let j = i;
    // Edits on lines this region already holds join it (the last line may lack a line break).
    while (j + 1 < sorted.length && (sorted[j + 1].start < regionEnd || regionEnd === src.length))
      regionEnd = Math.max(regionEnd, lineEndAfter(src, sorted[++j]));
    line += countLines(src, counted, regionStart);
    counted = regionStart;
    const parts: string[] = [];
    let at = regionStart;
    for (const e of sorted.slice(i, j + 1)) {
      parts.push(src.slice(at, e.start), e.text);
      at = e.end;
    }
    parts.push(src.slice(at, regionEnd));
    out.push(
      trimmed(line, splitKeep(src.slice(regionStart, regionEnd)), splitKeep(parts.join(''))),
    );
    i = j + 1;
  }
  return out.filter((c) => c.old.length + c.lines.length > 0);
}

/** Start of the line holding `offset` (lastIndexOf reads a negative start as 0). */
function lineStart(src: string, offset: number): number {
  return offset === 0 ? 0 : src.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * End (after the line break) of the line holding the edit's end: when the edit removes a line
 * break, that next line joins the edited one. Lines that did not change are trimmed later.
 */
function lineEndAfter(src: string, e: TextEdit): number {
  const nl = src.indexOf('\n', e.end);
  return nl === -1 ? src.length : nl + 1;
}

function trimmed(from: number, old: string[], lines: string[]): Change {
  let head = 0;
  while (head < old.length && head < lines.length && old[head] === lines[head]) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < lines.length - head &&
    old[old.length - 1 - tail] === lines[lines.length - 1 - tail]
  )
    tail++;
  return {
    from: from + head,
    old: old.slice(head, old.length - tail),
    lines: lines.slice(head, lines.length - tail),
  };
}

/** Lines with their line breaks; no empty last element. */
function splitKeep(text: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', at)) {
    out.push(text.slice(at, nl + 1));
    at = nl + 1;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function countLines(src: string, from: number, to: number): number {
  let n = 0;
  for (let i = src.indexOf('\n', from); i !== -1 && i < to; i = src.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Context lines by number, read forward from the last one asked for (the diff asks in
 * increasing order), without splitting the whole text.
 */
class LineReader {
  readonly count: number;
  private at = 0;
  private offset = 0;

  constructor(private readonly text: string) {
    this.count = countLines(text, 0, text.length) + (text.endsWith('\n') || !text ? 0 : 1);
  }

  line(n: number): string {
    if (n < this.at) {
      this.at = 0;
      this.offset = 0;
    }
    for (; this.at < n; this.at++) this.offset = this.text.indexOf('\n', this.offset) + 1;
    const nl = this.text.indexOf('\n', this.offset);
    return this.text.slice(this.offset, nl === -1 ? undefined : nl + 1);
  }
}
