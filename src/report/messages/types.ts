import type { ArgValue } from '../../model/finding.js';

/**
 * A finding's args as its message reads them: the names its rule declares (in the rule's
 * file), so a misspelt name does not compile. The values stay loose on purpose: a finding
 * read back from a capture was checked only as scalars (formats/capture-check.ts) and may come
 * from another version, so a message checks each value it formats.
 */
export type Args<A = Record<string, ArgValue>> = { readonly [K in keyof A]?: ArgValue };

/** The words for one finding code. Functions receive the finding's args (numbers as data). */
export interface MessageInfo<A = Record<string, ArgValue>> {
  /** A short title: "GOMEMLIMIT is above the container limit". */
  readonly title: string;
  /** One or two sentences with the numbers. */
  readonly summary: (args: Args<A>) => string;
  /** What to do about it. */
  readonly fix: (args: Args<A>) => string;
}

/** The wording of every code `C`, each typed by its args in `M` (which must have them all). */
export type MessagesFor<C extends string, M extends Record<C, unknown>> = {
  readonly [K in C]: MessageInfo<M[K]>;
};
