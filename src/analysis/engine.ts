/**
 * A small rule engine. A rule declares the inputs it needs by name; when one is missing the
 * engine reports the rule as skipped with the reason instead of guessing.
 */
import type { Finding } from '../model/finding.js';

/** An input is either there, or missing with a one-line reason ("memory.events not found"). */
export type Input<T> = { readonly value: T } | { readonly missing: string };

export type Inputs<S> = { readonly [K in keyof S]: Input<S[K]> };

export interface Rule<S, K extends keyof S, C extends string> {
  /** Rule name; usually its main finding code. */
  readonly code: C;
  readonly needs: readonly K[];
  readonly evaluate: (inputs: Pick<S, K>) => Finding<C> | readonly Finding<C>[] | undefined;
}

/** Helper that keeps the `needs` keys and `evaluate`'s parameter in step. */
export function defineRule<S>() {
  return <K extends keyof S, C extends string>(rule: Rule<S, K, C>): Rule<S, K, C> => rule;
}

export interface Skipped {
  readonly rule: string;
  readonly reason: string;
}

export interface RuleResults<C extends string> {
  readonly findings: readonly Finding<C>[];
  readonly skipped: readonly Skipped[];
}

export function runRules<S, C extends string>(
  rules: readonly Rule<S, keyof S, C>[],
  inputs: Inputs<S>,
): RuleResults<C> {
  const findings: Finding<C>[] = [];
  const skipped: Skipped[] = [];
  for (const rule of rules) {
    const values: Partial<S> = {};
    let missing: string | undefined;
    for (const key of rule.needs) {
      const input = inputs[key];
      if ('missing' in input) {
        missing = input.missing;
        break;
      }
      values[key] = input.value;
    }
    if (missing !== undefined) {
      skipped.push({ rule: rule.code, reason: missing });
      continue;
    }
    const out = rule.evaluate(values as Pick<S, keyof S>);
    if (out === undefined) continue;
    findings.push(...(Array.isArray(out) ? out : [out as Finding<C>]));
  }
  return { findings, skipped };
}
