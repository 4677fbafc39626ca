/**
 * A text table with spanning cells and per-column left margins, laid out the way benchstat's
 * tables are (x/perf cmd/benchstat/internal/texttab), so that our text output matches its
 * byte for byte: column widths grow to fit single cells first, then spans.
 */

export type Align = 'left' | 'center' | 'right';

interface TextCell {
  readonly row: number;
  readonly col: number;
  readonly span: number;
  readonly value: string;
  readonly margin: string;
  readonly align: Align;
}

/** Width in code points (µ, │ and superscripts count as one, as utf8.RuneCountInString). */
function width(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--; // the second half of a surrogate pair
  }
  return n;
}

export class TextTable {
  private readonly cells: TextCell[] = [];
  private cols = 0;
  private readonly shrink: boolean[] = [];
  private curRow = 0;
  curCol = 0;

  row(): this {
    if (this.cells.length > 0) this.curRow++;
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
    const defaultMargin = this.curCol === 0 || value.length === 0 ? '' : ' ';
    this.cells.push({
      row: this.curRow,
      col: this.curCol,
      span: cols,
      value,
      margin: margin ?? defaultMargin,
      align,
    });
    this.curCol += cols;
    this.cols = Math.max(this.cols, this.curCol);
    return this;
  }

  setShrink(col: number): void {
    while (this.shrink.length < col + 1) this.shrink.push(false);
    this.shrink[col] = true;
  }

  private widths(margins: number[]): number[] {
    const ws = new Array<number>(this.cols).fill(0);
    // Single cells first, then spans by width (a stable order: only the headers span).
    const spans: TextCell[] = [];
    for (const cell of this.cells) {
      if (cell.span === 1)
        ws[cell.col] = Math.max(ws[cell.col], width(cell.value) + margins[cell.col]);
      else spans.push(cell);
    }
    spans.sort((a, b) => a.span - b.span);
    for (const cell of spans) {
      let w = width(cell.value) + margins[cell.col];
      let total = 0;
      for (let c = cell.col; c < cell.col + cell.span; c++) total += ws[c];
      if (total >= w) continue;
      const grow: number[] = [];
      for (let c = cell.col; c < cell.col + cell.span; c++) {
        if (this.shrink[c]) w -= ws[c];
        else grow.push(c);
      }
      grow.sort((a, b) => ws[b] - ws[a]);
      let left = grow.length;
      for (const c of grow) {
        const avg = Math.trunc((w + left - 1) / left);
        ws[c] = Math.max(ws[c], avg);
        w -= ws[c];
        left--;
      }
    }
    return ws;
  }

  format(): string {
    const margins = new Array<number>(this.cols).fill(0);
    for (const c of this.cells) margins[c.col] = Math.max(margins[c.col], width(c.margin));
    const ws = this.widths(margins);
    const offs = [0];
    for (const w of ws) offs.push(offs[offs.length - 1] + w);
    // Cells were added row by row, left to right (col() cannot go back): already in order.
    const parts: string[] = [];
    let row = 0;
    let off = 0;
    for (const cell of this.cells) {
      if (cell.value.trim() === '' && cell.margin.trim() === '') continue;
      for (; cell.row > row; row++) {
        parts.push('\n');
        off = 0;
      }
      const spaces = offs[cell.col] - off;
      // Go's %*s pads to |n| when n < 0; keep that so overflowing cells lay out the same.
      parts.push(' '.repeat(Math.abs(spaces)), cell.margin.padStart(margins[cell.col]));
      off += spaces + margins[cell.col];
      const tw = offs[cell.col + cell.span] - offs[cell.col] - margins[cell.col];
      const text = pad(cell.value, tw, cell.align);
      parts.push(text);
      off += width(text);
    }
    if (this.cells.length > 0) parts.push('\n');
    return parts.join('');
  }
}

function pad(s: string, w: number, align: Align): string {
  if (align === 'center') return ' '.repeat(Math.abs(Math.trunc((w - width(s)) / 2))) + s;
  if (align === 'right') return ' '.repeat(Math.max(w - width(s), 0)) + s;
  return s;
}
