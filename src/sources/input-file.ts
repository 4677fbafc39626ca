/**
 * The one reader for user-given inputs: a file, "-" (stdin), a device, a FIFO or a process
 * substitution. It never holds more than `maxBytes` (+ one chunk): a larger input stops the read
 * with an InputError, so `/dev/zero` or an endless pipe cannot exhaust memory. The cap is
 * checked on bytes read, not on the stat size (devices and pipes report 0).
 */
import { open } from 'node:fs/promises';
import { InputError } from '../model/errors.js';
import { formatBytes } from '../model/units.js';
import { describeFsError } from './fs-errors.js';

const CHUNK = 1 << 16;

export interface ReadInputOptions {
  /** Larger inputs are refused. */
  readonly maxBytes: number;
  /** What the input is, for the message ("manifest", "capture"): "<name>: larger than ...". */
  readonly what?: string;
  /** Stdin stream (tests); default process.stdin. */
  readonly stdin?: NodeJS.ReadableStream;
}

/** The name to print for an input spec. */
export function inputName(spec: string): string {
  return spec === '-' ? 'stdin' : spec;
}

export async function readInputBytes(spec: string, opts: ReadInputOptions): Promise<Buffer> {
  return spec === '-'
    ? readStream(opts.stdin ?? process.stdin, 'stdin', opts)
    : readPath(spec, opts);
}

export async function readInputText(spec: string, opts: ReadInputOptions): Promise<string> {
  return (await readInputBytes(spec, opts)).toString('utf8');
}

function tooLarge(name: string, opts: ReadInputOptions): InputError {
  const what = opts.what ? ` for a ${opts.what}` : '';
  return new InputError(`${name}: larger than ${formatBytes(opts.maxBytes)}${what}; refused`);
}

async function readPath(path: string, opts: ReadInputOptions): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new InputError(`${path}: ${describeFsError(err)}`);
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new InputError(`${path}: is a directory`);
    const chunks: Buffer[] = [];
    let total = 0;
    if (st.isFile() && st.size > 0 && st.size <= opts.maxBytes) {
      // A regular file: one buffer of its size, so a large input is not held twice.
      const whole = Buffer.allocUnsafe(st.size);
      while (total < st.size) {
        const { bytesRead } = await handle.read(whole, total, st.size - total, null);
        if (bytesRead === 0) break;
        total += bytesRead;
      }
      chunks.push(whole.subarray(0, total));
    }
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > opts.maxBytes) throw tooLarge(path, opts);
      chunks.push(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${path}: ${describeFsError(err)}`);
  } finally {
    await handle.close();
  }
}

async function readStream(
  stream: NodeJS.ReadableStream,
  name: string,
  opts: ReadInputOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buf.length;
      if (total > opts.maxBytes) {
        (stream as NodeJS.ReadStream).destroy?.();
        throw tooLarge(name, opts);
      }
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: ${describeFsError(err)}`);
  }
  return Buffer.concat(chunks, total);
}
