/**
 * Errors of the pprof parsers. ProfileError: the input is a profile (or claims to be) but is
 * broken or too big; the message is one line that names what and where.
 */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** The bytes are not a format this parser reads (lets the next parser try). */
export class UnrecognizedProfileError extends ProfileError {}

/** A limit was hit (decompressed size, counts): the input may be fine, just too large. */
export class ProfileTooLargeError extends ProfileError {}
