/**
 * Reads `go test -bench` output as it streams from the command `bench run` runs, keeping only
 * what bench run needs (the "pkg:" lines in order, and how many result lines there were), never
 * the text: a command that prints without end costs no memory here. Lines are split on bytes,
 * so a chunk boundary inside a UTF-8 sequence is harmless; a line longer than MAX_LINE (a
 * command printing without newlines) is skipped without being held.
 */
import { concatBytes } from './bytes.js';

/** benchstat's own line limit (bufio.MaxScanTokenSize); "pkg:" and result lines are far shorter. */
const MAX_LINE = 64 * 1024;

const NEWLINE = 10;
const RESULT = /^Benchmark\S*\s+\d+\s/;
const PKG = /^pkg: (\S+)\s*$/;

export class GoTestOutputScanner {
  /** Import paths in the order their "pkg:" lines appear (consecutive repeats once). */
  readonly packages: string[] = [];
  /** Result lines (`BenchmarkX N value unit ...`) seen. */
  results = 0;
  /** Bytes seen. */
  bytes = 0;
  private partial: Uint8Array[] = [];
  private partialLength = 0;
  private overlong = false;
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl < 0) break;
      if (this.partialLength === 0 && !this.overlong) this.lineBytes(chunk.subarray(start, nl));
      else {
        this.keep(chunk.subarray(start, nl));
        this.endLine();
      }
      start = nl + 1;
    }
    this.keep(chunk.subarray(start));
  }

  /** The last line, when the output does not end with a newline. */
  end(): void {
    if (this.partialLength > 0 || this.overlong) this.endLine();
  }

  private keep(piece: Uint8Array): void {
    if (piece.length === 0 || this.overlong) return;
    if (this.partialLength + piece.length > MAX_LINE) {
      this.overlong = true;
      this.partial = [];
      this.partialLength = 0;
      return;
    }
    this.partial.push(piece.slice()); // a copy: the chunk's buffer may be reused
    this.partialLength += piece.length;
  }

  private endLine(): void {
    const wasOverlong = this.overlong;
    const bytes = this.partial.length === 1 ? this.partial[0] : concatBytes(this.partial);
    this.partial = [];
    this.partialLength = 0;
    this.overlong = false;
    if (!wasOverlong) this.lineBytes(bytes);
  }

  /** Decodes only the lines that can matter ("Benchmark...", "pkg: ..."): most are neither. */
  private lineBytes(bytes: Uint8Array): void {
    if (bytes.length < 5 || (bytes[0] !== 66 /* B */ && bytes[0] !== 112) /* p */) return;
    this.line(this.decoder.decode(bytes).replace(/\r$/, ''));
  }

  private line(text: string): void {
    if (text.startsWith('Benchmark')) {
      if (RESULT.test(text)) this.results++;
      return;
    }
    const pkg = PKG.exec(text)?.[1];
    if (pkg && this.packages[this.packages.length - 1] !== pkg) this.packages.push(pkg);
  }
}
