// Rules describe themselves (src/analysis/engine.ts): every finding code is reported by exactly
// one rule, its usual severity is the one docs/rules/<code>.md states, and a rule's scope
// decides whether it runs for a binary known not to be Go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { defineRule, reports, runRules } from '../../src/analysis/engine.js';
import { K8S_RULES } from '../../src/analysis/k8s/rules.js';
import { DIAGNOSE_RULES } from '../../src/analysis/rules/index.js';
import { seriesRules } from '../../src/analysis/series-rules/index.js';
import { K8S_CODES, RUNTIME_CODES, WATCH_CODES } from '../../src/model/codes/index.js';
import type { Severity } from '../../src/model/finding.js';

const DOMAINS = [
  { name: 'diagnose', rules: DIAGNOSE_RULES, codes: RUNTIME_CODES, elsewhere: [] },
  { name: 'k8s', rules: K8S_RULES, codes: K8S_CODES, elsewhere: [] },
  // The post-mortem of a capture reports these two itself (analysis/postmortem.ts).
  {
    name: 'watch',
    rules: seriesRules(),
    codes: WATCH_CODES,
    elsewhere: ['oom-kill-observed', 'target-exited'],
  },
];

/** "(error)", "(default severity: warning)", "(info; warning when ...)", "(error when ..., else warning)". */
function docSeverity(code: string): string | undefined {
  const heading = readFileSync(`docs/rules/${code}.md`, 'utf8').split('\n').slice(0, 3).join(' ');
  const inParens = /\((?:default severity: )?([^)]*)\)/.exec(heading)?.[1] ?? '';
  return /\belse (\w+)/.exec(inParens)?.[1] ?? /^(error|warning|info)\b/.exec(inParens)?.[1];
}

for (const d of DOMAINS) {
  test(`${d.name}: every code is reported by one rule, at the severity its docs page states`, () => {
    const declared = new Map<string, Severity>();
    for (const rule of d.rules)
      for (const [code, spec] of Object.entries(rule.reports)) {
        assert.ok(!declared.has(code), `${code} is reported by two rules`);
        declared.set(code, (spec as { severity: Severity }).severity);
      }
    assert.deepEqual([...declared.keys(), ...d.elsewhere].sort(), [...d.codes].sort());
    for (const [code, severity] of declared) assert.equal(severity, docSeverity(code), code);
  });
}

test('a rule of scope "go" is skipped for a non-Go target; one for any process runs', () => {
  type S = { readonly n: number };
  const goOnly = defineRule<S>()({
    reports: { a: reports<{ n: number }>('info') },
    applies: { scope: 'go', needs: ['n'] },
    evaluate: ({ n }) => ({ code: 'a', args: { n }, evidence: [] }),
  });
  const anyProcess = defineRule<S>()({
    reports: { b: reports<{ n: number; note?: string }>('warning') },
    applies: { scope: 'any-process', needs: ['n'] },
    evaluate: ({ n }) => ({ code: 'b', args: { n, note: undefined }, evidence: [] }),
  });
  type M = { a: { n: number }; b: { n: number; note?: string } };
  const rules = [goOnly, anyProcess];
  const notGo = runRules<S, M>(rules, { n: { value: 7 } }, { notGo: 'not a Go binary' });
  assert.deepEqual(notGo.skipped, [{ rule: 'a', reason: 'not a Go binary' }]);
  // The usual severity comes from `reports`; an absent arg is left out.
  assert.deepEqual(notGo.findings, [
    { code: 'b', severity: 'warning', args: { n: 7 }, evidence: [] },
  ]);
  const missing = runRules<S, M>(rules, { n: { missing: 'no n' } });
  assert.deepEqual(missing.skipped, [
    { rule: 'a', reason: 'no n' },
    { rule: 'b', reason: 'no n' },
  ]);
  assert.deepEqual(
    runRules<S, M>(rules, { n: { value: 1 } }).findings.map((f) => f.code),
    ['a', 'b'],
  );
});
