/**
 * A user input read line by line (NDJSON captures), for inputs too large to hold whole: like
 * readInputBytes (src/sources/input-file.ts) it takes a file, "-", a device or a FIFO and
 * stops at `maxBytes` with an InputError; in addition no line is held past `maxLineBytes`
 * (a longer line is skipped and reported as too long; a first line as soon as it passes its
 * cap), so `/dev/zero` costs one line's cap.
 */
import { createReadStream } from 'node:fs';
import { InputError } from '../model/errors.js';
import { formatBytes } from '../model/units.js';
import { describeFsError } from './fs-errors.js';
import { inputName } from './input-file.js';

export interface InputLinesOptions {
  readonly maxBytes: number;
  readonly maxLineBytes: number;
  /** A tighter cap for the first line (a header), so garbage is told apart quickly. */
  readonly maxFirstLineBytes?: number;
  /** What the input is, for the message ("capture"). */
  readonly what?: string;
  readonly stdin?: NodeJS.ReadableStream;
}

export type InputLine =
  | { readonly text: string; readonly isLast: boolean }
  | { readonly tooLong: number; readonly isLast: boolean };

export async function* inputLines(
  spec: string,
  opts: InputLinesOptions,
): AsyncGenerator<InputLine, void, undefined> {
  const name = inputName(spec);
  const stream =
    spec === '-'
      ? (opts.stdin ?? process.stdin)
      : createReadStream(spec, { highWaterMark: 1 << 16 });
  const line = new LineBuffer(opts);
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > opts.maxBytes) {
        const what = opts.what ? ` for a ${opts.what}` : '';
        throw new InputError(`${name}: larger than ${formatBytes(opts.maxBytes)}${what}; refused`);
      }
      let start = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
        line.add(chunk.subarray(start, nl));
        yield line.take(false);
        start = nl + 1;
      }
      line.add(chunk.subarray(start));
      // A first line past its cap is told at once: the caller stops on it (not a header).
      if (line.firstOverCap()) yield line.take(false);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: ${describeFsError(err)}`);
  } finally {
    (stream as NodeJS.ReadStream).destroy?.();
  }
  if (line.pending()) yield line.take(true);
}

/** The bytes of the line being read, up to its cap; past it only their count. */
class LineBuffer {
  private parts: Buffer[] = [];
  private length = 0;
  private count = 0;
  constructor(private readonly opts: InputLinesOptions) {}

  private cap(): number {
    const first = this.count === 0 ? this.opts.maxFirstLineBytes : undefined;
    return first ?? this.opts.maxLineBytes;
  }

  add(bytes: Buffer): void {
    this.length += bytes.length;
    if (this.length <= this.cap()) this.parts.push(bytes);
    else this.parts = [];
  }

  firstOverCap(): boolean {
    return this.count === 0 && this.length > this.cap();
  }

  pending(): boolean {
    return this.length > 0;
  }

  take(isLast: boolean): InputLine {
    const tooLong = this.length > this.cap();
    const out: InputLine = tooLong
      ? { tooLong: this.length, isLast }
      : { text: Buffer.concat(this.parts, this.length).toString('utf8'), isLast };
    this.parts = [];
    this.length = 0;
    this.count++;
    return out;
  }
}
