/** JSON text read by the parsers (endpoints, snapshots, baselines), failing with a ParseError. */
import { ParseError, type ParseErrorDetails } from '../model/errors.js';

/**
 * The value of `text`; invalid JSON is a one-line ParseError "<what> (<why>)" (V8's reason
 * quotes the input, newlines and all, so only its first line is kept).
 */
export function parseJson(
  text: string,
  details: ParseErrorDetails = {},
  what = 'invalid JSON',
): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const why = String((err as Error)?.message ?? err).split('\n')[0];
    throw new ParseError(`${what} (${why})`, details);
  }
}

/** A JSON object; text that does not even start like one (an HTML error page) is named. */
export function parseJsonObject(
  text: string,
  details: ParseErrorDetails = {},
): Record<string, unknown> {
  const start = text.trimStart();
  if (!start.startsWith('{'))
    throw new ParseError('not a JSON object', { ...details, text: start.slice(0, 20) });
  return parseJson(text, details) as Record<string, unknown>; // text starting with { parses to an object
}
