/**
 * 1-based line and column of an offset in a text, with memory that does not grow with the
 * number of lines: a checkpoint every BLOCK characters keeps the line count before it and the
 * last line start at or before it, and a lookup scans at most one block. (yaml's LineCounter
 * keeps one number per line: 64 MiB of newlines would be 64 million of them.) Columns count
 * UTF-16 code units from the line start, as the yaml library and SARIF's default do; a UTF-8
 * byte order mark on the first line is not a column.
 */
const BLOCK = 1 << 14;

export interface LinePosition {
  readonly line: number;
  readonly column: number;
}

export class TextLines {
  private linesBefore?: Int32Array;
  private lineStartAt?: Int32Array;

  constructor(private readonly text: string) {}

  position(offset: number): LinePosition {
    const at = Math.max(0, Math.min(offset, this.text.length));
    this.index();
    const block = Math.floor(at / BLOCK);
    let line = this.linesBefore![block];
    let start = this.lineStartAt![block];
    for (let i = this.text.indexOf('\n', block * BLOCK); i !== -1 && i < at;) {
      line++;
      start = i + 1;
      i = this.text.indexOf('\n', i + 1);
    }
    if (start === 0 && this.text.charCodeAt(0) === 0xfeff && at > 0) start = 1;
    return { line: line + 1, column: at - start + 1 };
  }

  /** One pass over the text, the first time a position is asked for. */
  private index(): void {
    if (this.linesBefore) return;
    const blocks = Math.floor(this.text.length / BLOCK) + 1;
    this.linesBefore = new Int32Array(blocks);
    this.lineStartAt = new Int32Array(blocks);
    let lines = 0;
    let lineStart = 0;
    let next = this.text.indexOf('\n');
    for (let b = 0; b < blocks; b++) {
      const blockStart = b * BLOCK;
      while (next !== -1 && next < blockStart) {
        lines++;
        lineStart = next + 1;
        next = this.text.indexOf('\n', next + 1);
      }
      this.linesBefore[b] = lines;
      this.lineStartAt[b] = lineStart;
    }
  }
}
