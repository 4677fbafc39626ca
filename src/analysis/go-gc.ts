/**
 * Which garbage collector a Go binary runs, from its build info. Go 1.25 has the Green Tea
 * collector as an experiment, on only with GOEXPERIMENT=greenteagc at build time
 * (go.dev/doc/go1.25#new-experimental-garbage-collector); Go 1.26 makes it the default and
 * GOEXPERIMENT=nogreenteagc opts out (go.dev/doc/go1.26#new-garbage-collector). It lowers GC
 * CPU per byte marked; the pacer (heap goal, GOGC, GOMEMLIMIT) is the same for both.
 */
import type { BinaryInfo } from '../model/snapshot.js';
import { hasFeature, parseGoVersion, type GoVersion } from './go-versions.js';

export type GarbageCollector = 'greentea' | 'classic';

/**
 * GOEXPERIMENT is a comma-separated list applied in order, "no" turning a name off and "none"
 * turning every experiment off (internal/buildcfg/exp.go ParseGOEXPERIMENT).
 */
export function garbageCollectorOf(v: GoVersion, goexperiment = ''): GarbageCollector {
  if (!hasFeature(v, 'greenTeaGcExperiment')) return 'classic';
  let greenTea = hasFeature(v, 'greenTeaGcDefault');
  for (const name of goexperiment.split(',')) {
    if (name === 'greenteagc') greenTea = true;
    else if (name === 'nogreenteagc' || name === 'none') greenTea = false;
  }
  return greenTea ? 'greentea' : 'classic';
}

/** The collector of a Go binary and why: the GOEXPERIMENT build setting or the version default. */
export function binaryGarbageCollector(
  info: BinaryInfo,
  binarySource: string,
): { readonly value: GarbageCollector; readonly source: string } | undefined {
  if (!info.isGo) return undefined;
  const v = parseGoVersion(info.buildInfo.goVersion);
  if (!v) return undefined;
  const exp = info.buildInfo.settings.find(([k]) => k === 'GOEXPERIMENT')?.[1];
  const why = exp === undefined ? 'no GOEXPERIMENT' : `GOEXPERIMENT=${exp}`;
  return {
    value: garbageCollectorOf(v, exp),
    source: `${binarySource} build info (${info.buildInfo.goVersion}, ${why})`,
  };
}
