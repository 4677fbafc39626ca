/**
 * A text table with spanning cells and per-column left margins, laid out the way benchstat's
 * tables are (x/perf cmd/benchstat/internal/texttab), so that our text output matches its
 * byte for byte: column widths grow to fit single cells first, then spans. Cells are kept in
 * parallel arrays (a 100,000-line comparison has hundreds of thousands of them).
 */

export type Align = 'left' | 'center' | 'right';

/** Width in code points (µ, │ and superscripts count as one, as utf8.RuneCountInString). */
function width(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

const blank = (s: string) => s.length === 0 || s.trim() === '';

export class TextTable {
  private readonly rowOf: number[] = [];
  private readonly colOf: number[] = [];
  private readonly spanOf: number[] = [];
  private readonly valueOf: string[] = [];
  /** width(value), measured once. */
  private readonly widthOf: number[] = [];
  private readonly marginOf: string[] = [];
  private readonly alignOf: Align[] = [];
  private cols = 0;
  private readonly shrink: boolean[] = [];
  private curRow = 0;
  curCol = 0;

  row(): this {
    if (this.rowOf.length > 0) this.curRow++;
    this.curCol = 0;
    return this;
  }

  col(col: number): this {
    if (col < this.curCol) throw new Error(`cannot move from column ${this.curCol} back to ${col}`);
    this.curCol = col;
    return this;
  }

  cell(value: string, align: Align = 'left', margin?: string): this {
    return this.span(1, value, align, margin);
  }

  span(cols: number, value: string, align: Align = 'left', margin?: string): this {
    this.rowOf.push(this.curRow);
    this.colOf.push(this.curCol);
    this.spanOf.push(cols);
    this.valueOf.push(value);
    this.widthOf.push(width(value));
    this.marginOf.push(margin ?? (this.curCol === 0 || value.length === 0 ? '' : ' '));
    this.alignOf.push(align);
    this.curCol += cols;
    if (this.curCol > this.cols) this.cols = this.curCol;
    return this;
  }

  setShrink(col: number): void {
    while (this.shrink.length < col + 1) this.shrink.push(false);
    this.shrink[col] = true;
  }

  private widths(margins: number[]): number[] {
    const ws = new Array<number>(this.cols).fill(0);
    // Single cells first, then spans by width (a stable order: only the headers span).
    const spans: number[] = [];
    for (let i = 0; i < this.valueOf.length; i++) {
      const col = this.colOf[i];
      if (this.spanOf[i] === 1) ws[col] = Math.max(ws[col], this.widthOf[i] + margins[col]);
      else spans.push(i);
    }
    spans.sort((a, b) => this.spanOf[a] - this.spanOf[b]);
    for (const i of spans) this.growForSpan(ws, i, this.widthOf[i] + margins[this.colOf[i]]);
    return ws;
  }

  /** Widens the non-shrinking columns under a span so its text fits, largest first. */
  private growForSpan(ws: number[], i: number, need: number): void {
    const first = this.colOf[i];
    const end = first + this.spanOf[i];
    let total = 0;
    for (let c = first; c < end; c++) total += ws[c];
    if (total >= need) return;
    let w = need;
    const grow: number[] = [];
    for (let c = first; c < end; c++) {
      if (this.shrink[c]) w -= ws[c];
      else grow.push(c);
    }
    grow.sort((a, b) => ws[b] - ws[a]);
    let left = grow.length;
    for (const c of grow) {
      ws[c] = Math.max(ws[c], Math.trunc((w + left - 1) / left));
      w -= ws[c];
      left--;
    }
  }

  format(): string {
    const margins = new Array<number>(this.cols).fill(0);
    for (let i = 0; i < this.colOf.length; i++) {
      const col = this.colOf[i];
      margins[col] = Math.max(margins[col], width(this.marginOf[i]));
    }
    const ws = this.widths(margins);
    const offs = [0];
    for (const w of ws) offs.push(offs[offs.length - 1] + w);
    // Cells were added row by row, left to right (col() cannot go back): already in order.
    const parts: string[] = [];
    let row = 0;
    let off = 0;
    for (let i = 0; i < this.valueOf.length; i++) {
      const value = this.valueOf[i];
      const margin = this.marginOf[i];
      if (blank(value) && blank(margin)) continue;
      for (; this.rowOf[i] > row; row++) {
        parts.push('\n');
        off = 0;
      }
      const col = this.colOf[i];
      const spaces = offs[col] - off;
      // Go's %*s pads to |n| when n < 0; keep that so overflowing cells lay out the same.
      const lead = Math.abs(spaces) + margins[col] - margin.length;
      parts.push(lead > 0 ? ' '.repeat(lead) + margin : margin);
      off += spaces + margins[col];
      const tw = offs[col + this.spanOf[i]] - offs[col] - margins[col];
      const lpad = padding(this.widthOf[i], tw, this.alignOf[i]);
      parts.push(lpad > 0 ? ' '.repeat(lpad) + value : value);
      off += lpad + this.widthOf[i];
    }
    if (this.valueOf.length > 0) parts.push('\n');
    return parts.join('');
  }
}

/** Spaces before a value of width w in a column of width tw (Go's %*s: |n| when n < 0). */
function padding(w: number, tw: number, align: Align): number {
  if (align === 'center') return Math.abs(Math.trunc((tw - w) / 2));
  if (align === 'right') return Math.max(tw - w, 0);
  return 0;
}
