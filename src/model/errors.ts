/**
 * The two errors a user can cause. The CLI prints either as one line and exits 2; anything
 * else that escapes a command is a bug (exit 3).
 */

/** A flag or argument that makes no sense. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Bad input: a garbled, oversized, unreadable or unwritable file, an unreachable target. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
