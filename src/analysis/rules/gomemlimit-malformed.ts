/**
 * GOMEMLIMIT that Go cannot parse. Go >= 1.19 accepts only digits with an optional B, KiB, MiB,
 * GiB or TiB suffix, or "off"; anything else makes the runtime throw "malformed GOMEMLIMIT" at
 * start-up (runtime/mgcpacer.go readGOMEMLIMIT, runtime/string.go parseByteCount), so the
 * program never runs. The suggestion spells what was meant in Go's syntax ("480M" is 457.8 MiB:
 * "457MiB"), lowered to the recommended value when a memory limit is known.
 */
import type { MalformedGoMemLimit } from '../../model/gomemlimit.js';
import { reports } from '../engine.js';
import { cappedSuggestion, type SuggestionArgs } from '../gomemlimit-advice.js';
import type { DiagnoseInputs } from '../diagnose-inputs.js';
import { hasFeature } from '../go-versions.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gomemlimitMalformed = diagnoseRule({
  // Info when the Go version predates GOMEMLIMIT (it ignores the variable).
  reports: { 'gomemlimit-malformed': reports<GomemlimitMalformedArgs>('error') },
  applies: { scope: 'go', needs: ['settings', 'optional'] },
  evaluate({ settings, optional }) {
    const env = settings.gomemlimit.env;
    if (env?.parsed.kind !== 'malformed') return undefined;
    const v = optional.goVersion;
    const ignored = v !== undefined && !hasFeature(v, 'gomemlimit');
    return finding(
      'gomemlimit-malformed',
      {
        value: env.raw,
        ...suggestionArgs(env.parsed, optional),
        goVersion: v?.text,
        ignoredByGo: ignored,
      },
      [evidence('GOMEMLIMIT', env.raw, env.source)],
      ignored ? 'info' : undefined,
    );
  },
});

/** What was meant, in Go's syntax, never above the value recommended under the limit. */
function suggestionArgs(parsed: MalformedGoMemLimit, optional: DiagnoseInputs['optional']) {
  if (!parsed.meant) return { reason: parsed.reason };
  const { hint, bytes, converted } = parsed.meant;
  return {
    meantBytes: bytes,
    converted,
    ...cappedSuggestion(hint, optional.limit?.bytes, optional),
  };
}

export type GomemlimitMalformedArgs = SuggestionArgs & {
  readonly value: string;
  /** Why Go refuses it, when no value could be meant. */
  readonly reason?: string;
  readonly meantBytes?: number;
  /** The value had decimal units ("480M"), converted to Go's binary ones. */
  readonly converted?: boolean;
  readonly goVersion?: string;
  readonly ignoredByGo: boolean;
};
