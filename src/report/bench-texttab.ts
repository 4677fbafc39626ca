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
const width = (s: string) => [...s].length;

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
    this.cells.push({ row: this.curRow, col: this.curCol, span: cols, value, margin: margin ?? defaultMargin, align });
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
    // Stable sort by span: single cells first, then wider spans.
    const bySpan = [...this.cells].sort((a, b) => a.span - b.span);
    for (const cell of bySpan) {
      let w = width(cell.value) + margins[cell.col];
      if (cell.span === 1) {
        ws[cell.col] = Math.max(ws[cell.col], w);
        continue;
      }
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
    const ordered = [...this.cells].sort((a, b) => a.row - b.row || a.col - b.col);
    let out = '';
    let row = 0;
    let off = 0;
    for (const cell of ordered) {
      if (cell.value.trim() === '' && cell.margin.trim() === '') continue;
      for (; cell.row > row; row++) {
        out += '\n';
        off = 0;
      }
      const spaces = offs[cell.col] - off;
      // Go's %*s pads to |n| when n < 0; keep that so overflowing cells lay out the same.
      out += ' '.repeat(Math.abs(spaces)) + cell.margin.padStart(margins[cell.col]);
      off += spaces + margins[cell.col];
      const tw = offs[cell.col + cell.span] - offs[cell.col] - margins[cell.col];
      const text = pad(cell.value, tw, cell.align);
      out += text;
      off += width(text);
    }
    if (this.cells.length > 0) out += '\n';
    return out;
  }
}

function pad(s: string, w: number, align: Align): string {
  if (align === 'center') return ' '.repeat(Math.abs(Math.trunc((w - width(s)) / 2))) + s;
  if (align === 'right') return ' '.repeat(Math.max(w - width(s), 0)) + s;
  return s;
}
