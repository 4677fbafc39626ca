import type { ArgValue } from '../../model/finding.js';

export type Args = Readonly<Record<string, ArgValue>>;

/** The words for one finding code. Functions receive the finding's args (numbers as data). */
export interface MessageInfo {
  /** A short title: "GOMEMLIMIT is above the container limit". */
  readonly title: string;
  /** One or two sentences with the numbers. */
  readonly summary: (args: Args) => string;
  /** What to do about it. */
  readonly fix: (args: Args) => string;
}
