/** A tiny profile.proto writer for tests: builds exact wire bytes, including odd encodings. */

export function varint(v: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}

export const tag = (field: number, wire: number) => varint(field * 8 + wire);
export const uint = (field: number, v: number | bigint) => [...tag(field, 0), ...varint(v)];
export const bytes = (field: number, body: number[]) => [
  ...tag(field, 2),
  ...varint(body.length),
  ...body,
];
export const str = (field: number, s: string) => bytes(field, [...new TextEncoder().encode(s)]);
export const packed = (field: number, vs: (number | bigint)[]) =>
  bytes(
    field,
    vs.flatMap((v) => varint(v)),
  );
export const unpacked = (field: number, vs: (number | bigint)[]) =>
  vs.flatMap((v) => uint(field, v));

export interface TinySample {
  locs: (number | bigint)[];
  values: (number | bigint)[];
  packedFields?: boolean;
}

/**
 * A heap-like profile: strings ["", "alloc_space", "bytes", "inuse_space", "main.a", "main.b",
 * "main.c"]; functions 1..3 = main.a/b/c; location i (i=1..3) calls function i.
 */
export function tinyProfile(
  samples: TinySample[],
  opts: { locationIds?: (number | bigint)[]; extra?: number[] } = {},
): Uint8Array {
  const strings = ['', 'alloc_space', 'bytes', 'inuse_space', 'main.a', 'main.b', 'main.c'];
  const ids = opts.locationIds ?? [1, 2, 3];
  const out: number[] = [
    ...bytes(1, [...uint(1, 1), ...uint(2, 2)]),
    ...bytes(1, [...uint(1, 3), ...uint(2, 2)]),
  ];
  for (const s of samples) {
    const enc = s.packedFields === false ? unpacked : packed;
    out.push(...bytes(2, [...enc(1, s.locs), ...enc(2, s.values)]));
  }
  ids.forEach((id, i) =>
    out.push(
      ...bytes(4, [...uint(1, id), ...bytes(4, [...uint(1, (i % 3) + 1), ...uint(2, 10 + i)])]),
    ),
  );
  for (let f = 1; f <= 3; f++) out.push(...bytes(5, [...uint(1, f), ...uint(2, 3 + f)]));
  for (const s of strings) out.push(...str(6, s));
  out.push(...(opts.extra ?? []));
  return Uint8Array.from(out);
}
