/** An error that the CLI prints as one line and exits with code 2 (usage or input error). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Bad input (garbled file, unreachable target): one line, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
