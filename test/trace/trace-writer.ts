/**
 * Writes Go execution traces by hand (the go 1.23 wire format: header, batches of uvarints;
 * $GOROOT/src/internal/trace/tracev2/events.go), for inputs no Go program writes: floods of
 * goroutines, batches or stacks, huge claims. Written batch by batch, so the test process
 * never holds the whole file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export function uvarint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** One batch: EventBatch gen m time size, then data. */
export function batch(gen: number, m: number, time: number, data: number[]): Buffer {
  const head = [1, ...uvarint(gen), ...uvarint(m), ...uvarint(time), ...uvarint(data.length)];
  return Buffer.from([...head, ...data]);
}

export const HEADER_23 = Buffer.from('go 1.23 trace\0\0\0', 'latin1');

/** The frequency batch every generation needs (1 tick per ns). */
export function frequencyBatch(gen: number): Buffer {
  return batch(gen, 0, 1, [8, ...uvarint(1e9)]);
}

/**
 * A go 1.23 trace of one generation: the frequency batch, then batches of M 1 filled with
 * `item(i)` until about `bytes`; each batch starts with `prefix`, the first also with `first`.
 */
export function writeFlood(
  path: string,
  bytes: number,
  item: (i: number) => number[],
  o: { first?: number[]; prefix?: number[] } = {},
): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, HEADER_23);
    writeSync(fd, frequencyBatch(1));
    const prefix = o.prefix ?? [];
    let data = [...prefix, ...(o.first ?? [])];
    let total = 0;
    for (let i = 0; total < bytes; i++) {
      data.push(...item(i));
      if (data.length > 60_000) {
        writeSync(fd, batch(1, 1, 10, data));
        total += data.length;
        data = [...prefix];
      }
    }
    if (data.length) writeSync(fd, batch(1, 1, 10, data));
  } finally {
    closeSync(fd);
  }
}
