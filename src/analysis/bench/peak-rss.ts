/**
 * Attributes the peak RSS of `go test` binaries to packages, and writes it as an extra
 * benchmark metric. `go test` builds one binary per package, named "<last path element>.test",
 * and prints "pkg: <import path>" before that package's benchmarks; with -bench it runs the
 * binaries one at a time ("Force benchmarks to run in serial", cmd/go/internal/test), so the
 * n-th binary of a name belongs to the n-th package of that name.
 */

const PEAK_RSS_UNIT = 'peak-RSS-B';
const PEAK_RSS_BENCHMARK = 'BenchmarkPeakRSS';

export interface SampledProcess {
  readonly name: string;
  readonly peakRss: number;
  readonly seq: number;
  readonly pid: number;
}

export interface PackagePeak {
  readonly pkg: string;
  readonly peakRss: number;
  readonly pid: number;
}

/** `packages`: import paths in the order their "pkg:" lines appeared (GoTestOutputScanner). */
export function attributePeaks(
  packages: readonly string[],
  processes: readonly SampledProcess[],
): PackagePeak[] {
  const byName = new Map<string, SampledProcess[]>();
  for (const p of [...processes].sort((a, b) => a.seq - b.seq)) {
    if (!p.name.endsWith('.test')) continue;
    const list = byName.get(p.name) ?? [];
    list.push(p);
    byName.set(p.name, list);
  }
  const peaks: PackagePeak[] = [];
  for (const pkg of packages) {
    const base = pkg.slice(pkg.lastIndexOf('/') + 1);
    const proc = byName.get(`${base}.test`)?.shift();
    if (proc && proc.peakRss > 0) peaks.push({ pkg, peakRss: proc.peakRss, pid: proc.pid });
  }
  return peaks;
}

/**
 * benchfmt lines recording each package's peak RSS: a result in the package's own config
 * ("pkg:"), in a unit of its own that is lower-is-better, so `bench compare` and benchstat
 * show it as one more table and `--fail-on peak-RSS-B:+10%` gates on it.
 */
export function formatPeakLines(peaks: readonly PackagePeak[]): string {
  if (peaks.length === 0) return '';
  let out = `\nUnit ${PEAK_RSS_UNIT} better=lower\n`;
  for (const p of peaks)
    out += `pkg: ${p.pkg}\n${PEAK_RSS_BENCHMARK} 1 ${p.peakRss} ${PEAK_RSS_UNIT}\n`;
  return out;
}
