/**
 * A small rule engine. A rule describes itself in its own file: for each code it reports the
 * usual severity and the type of the finding's args (`reports`), whether it applies to any
 * process or only to Go programs and the inputs it needs (`applies`), then `evaluate`. When an
 * input is missing the engine reports the rule as skipped with the reason instead of guessing.
 */
import type { ArgValue, Evidence, Finding, Severity } from '../model/finding.js';

/** An input is either there, or missing with a one-line reason ("memory.events not found"). */
export type Input<T> = { readonly value: T } | { readonly missing: string };

export type Inputs<S> = { readonly [K in keyof S]: Input<S[K]> };

/** A finding's args: named numbers, strings and flags (an absent one is left out). */
export type Args = { readonly [name: string]: ArgValue | undefined };

/** Which processes a rule applies to: any, or only Go programs (skipped for other binaries). */
export type Scope = 'any-process' | 'go';

/** What a rule says about one code it reports: the usual severity; `A` types the args. */
export interface Reports<A extends Args> {
  readonly severity: Severity;
  /** Never set: carries the args' type to the messages table (report/messages). */
  readonly args?: A;
}

export function reports<A extends Args>(severity: Severity): Reports<A> {
  return { severity };
}

/** A finding as a rule returns it; `severity` only when not the code's usual one. */
export type Draft<M extends Record<string, Args>> = {
  [C in keyof M & string]: {
    readonly code: C;
    readonly args: M[C];
    readonly evidence: readonly Evidence[];
    readonly severity?: Severity;
    readonly location?: Finding['location'];
  };
}[keyof M & string];

export interface Rule<S, K extends keyof S, M extends Record<string, Args>> {
  /** The codes it reports; the first one names the rule (in "skipped" lists). */
  readonly reports: { readonly [C in keyof M]: Reports<M[C]> };
  readonly applies: { readonly scope: Scope; readonly needs: readonly K[] };
  readonly evaluate: (inputs: Pick<S, K>) => Draft<M> | readonly Draft<M>[] | undefined;
}

/** Helper that keeps `needs`, `evaluate`'s parameter and the reported codes in step. */
export function defineRule<S>() {
  return <K extends keyof S, M extends Record<string, Args>>(rule: Rule<S, K, M>) => rule;
}

/** The code -> args map of a list of rules (the messages table is typed by it). */
export type ArgsOf<R> = UnionToIntersection<
  R extends { readonly reports: infer P } ? { [C in keyof P]: ArgsIn<P[C]> } : never
>;
type ArgsIn<P> = P extends Reports<infer A> ? A : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

export interface Skipped {
  readonly rule: string;
  readonly reason: string;
}

export interface RuleResults<C extends string> {
  readonly findings: readonly Finding<C>[];
  readonly skipped: readonly Skipped[];
}

/** A rule as the engine runs it: it reports some of the codes of `M` (a domain's args map). */
export interface AnyRule<S, M extends Record<string, Args>> {
  readonly reports: { readonly [C in keyof M]?: Reports<M[C]> };
  readonly applies: { readonly scope: Scope; readonly needs: readonly (keyof S)[] };
  readonly evaluate: (inputs: S) => Draft<M> | readonly Draft<M>[] | undefined;
}

export interface RunOptions {
  /** The target is known not to be a Go program: Go-only rules are skipped with this reason. */
  readonly notGo?: string;
}

export function runRules<S, M extends Record<string, Args>>(
  rules: readonly AnyRule<S, M>[],
  inputs: Inputs<S>,
  opts: RunOptions = {},
): RuleResults<keyof M & string> {
  const findings: Finding<keyof M & string>[] = [];
  const skipped: Skipped[] = [];
  const notGo: Skipped[] = [];
  const values = valuesOf(inputs);
  for (const rule of rules) {
    const { scope, needs } = rule.applies;
    if (scope === 'go' && opts.notGo !== undefined) {
      notGo.push({ rule: ruleName(rule), reason: opts.notGo });
      continue;
    }
    const missing = needs.map((key) => inputs[key]).find((input) => 'missing' in input);
    if (missing && 'missing' in missing) {
      skipped.push({ rule: ruleName(rule), reason: missing.missing });
      continue;
    }
    const out = rule.evaluate(values);
    for (const draft of out === undefined ? [] : Array.isArray(out) ? out : [out])
      findings.push(toFinding(rule, draft));
  }
  return { findings, skipped: [...skipped, ...notGo] };
}

function ruleName(rule: { readonly reports: object }): string {
  return Object.keys(rule.reports)[0];
}

/** The values of the inputs that are there; a rule runs only when those it needs are. */
function valuesOf<S>(inputs: Inputs<S>): S {
  const values: Partial<S> = {};
  for (const key of Object.keys(inputs) as (keyof S)[]) {
    const input = inputs[key];
    if ('value' in input) values[key] = input.value;
  }
  return values as S;
}

function toFinding<S, M extends Record<string, Args>>(
  rule: AnyRule<S, M>,
  d: Draft<M>,
): Finding<keyof M & string> {
  const args: Record<string, ArgValue> = {};
  for (const [name, value] of Object.entries(d.args)) if (value !== undefined) args[name] = value;
  return {
    code: d.code,
    severity: d.severity ?? rule.reports[d.code]!.severity,
    args,
    evidence: d.evidence,
    ...(d.location ? { location: d.location } : {}),
  };
}
