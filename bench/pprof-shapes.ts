/**
 * The profile shapes the pprof benchmark runs on, written into a temporary directory (none
 * is committed): the Go runtime's own heap profiles from testdata/go/pprof-big (few and
 * hundreds of locations, the ?debug=1 text form) and generated ones (bench/pprof-gen.ts):
 * deep distinct stacks, many labels, and a 100 MB profile.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { generateProfile, type Shape } from './pprof-gen.js';

const BIG = resolve('dist/go/pprof-big');

export interface BenchShape {
  readonly name: string;
  readonly what: string;
  /** Runs of go tool pprof (it takes minutes on the biggest shape). */
  readonly goRuns?: number;
  /**
   * The binary that wrote the profile, for a text profile: pprof names its frames only from
   * the binary (`go tool pprof -top BINARY FILE`), as gomemlens does from the `#` lines.
   */
  readonly binary?: string;
  /** Writes the profile into dir and returns its path. */
  readonly write: (dir: string) => string;
}

function fromGo(name: string, args: string[]): (dir: string) => string {
  return (dir) => {
    const file = join(dir, name);
    const r = spawnSync(BIG, [...args, '-out', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pprof-big failed: ${r.stderr}`);
    return file;
  };
}

/** Gzipped at BestSpeed, as the Go runtime writes profiles. */
function generated(name: string, shape: Shape): (dir: string) => string {
  return (dir) => {
    const file = join(dir, name);
    writeFileSync(file, gzipSync(generateProfile(shape), { level: constants.Z_BEST_SPEED }));
    return file;
  };
}

export const SHAPES: readonly BenchShape[] = [
  {
    name: 'go-10-funcs',
    what: 'Go runtime heap profile, 340k allocation sites, 8 levels of 10 functions',
    write: fromGo('go10.pb.gz', ['-funcs', '10', '-n', '340000']),
  },
  {
    name: 'go-400-funcs',
    what: 'Go runtime heap profile, 330k sites, 8 levels of 400 functions',
    write: fromGo('go400.pb.gz', ['-funcs', '400', '-n', '330000']),
  },
  {
    name: 'deep-distinct',
    what: '200k distinct stacks of 8-32 frames, 5000 functions (35k locations; 1 call site in 8 inlines its callee)',
    write: generated('deep.pb.gz', {
      samples: 200_000,
      minDepth: 8,
      maxDepth: 32,
      functions: 5000,
    }),
  },
  {
    name: 'many-labels',
    what: '200k stacks of 4-16 frames, 8 string labels and a numeric one per sample',
    write: generated('labels.pb.gz', {
      samples: 200_000,
      minDepth: 4,
      maxDepth: 16,
      functions: 3000,
      labels: 8,
    }),
  },
  {
    name: 'legacy-text',
    what: 'Go runtime ?debug=1 text heap profile, 12k records with their frame comments',
    binary: BIG,
    write: fromGo('legacy.txt', ['-funcs', '10', '-n', '12000', '-debug', '1']),
  },
  {
    name: '100MB',
    what: '1.4M stacks of 8-32 frames, 20000 functions, 100 MB uncompressed',
    goRuns: 1,
    write: generated('big.pb.gz', {
      samples: 1_400_000,
      minDepth: 8,
      maxDepth: 32,
      functions: 20_000,
      seed: 7,
    }),
  },
];
