/**
 * GOMEMLIMIT that Go cannot parse. Go >= 1.19 accepts only digits with an optional B, KiB, MiB,
 * GiB or TiB suffix, or "off"; anything else makes the runtime throw "malformed GOMEMLIMIT" at
 * start-up (runtime/mgcpacer.go readGOMEMLIMIT), so the program never runs.
 */
import { hasFeature } from '../go-versions.js';
import { diagnoseRule, evidence, finding } from '../rule-helpers.js';

export const gomemlimitMalformed = diagnoseRule({
  code: 'gomemlimit-malformed',
  needs: ['settings', 'optional'],
  evaluate({ settings, optional }) {
    const env = settings.gomemlimit.env;
    if (env?.parsed.kind !== 'malformed') return undefined;
    const v = optional.goVersion;
    const ignored = v !== undefined && !hasFeature(v, 'gomemlimit');
    return finding(
      'gomemlimit-malformed',
      ignored ? 'info' : 'error',
      {
        value: env.raw,
        suggestion: env.parsed.hint,
        goVersion: v?.text,
        ignoredByGo: ignored,
      },
      [evidence('GOMEMLIMIT', env.raw, env.source)],
    );
  },
});
