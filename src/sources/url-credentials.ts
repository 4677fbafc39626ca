/**
 * Credentials given in URLs (user:pass@), kept apart from the HTTP client so that commands
 * reading a file do not load node:http and node:https (a few ms of every start).
 */
import { redactUrl, withoutUserinfo } from '../model/url.js';

/** Credentials given in URLs (user:pass@), by origin: see takeUrlCredentials. */
const credentials = new Map<string, string>();

/**
 * Splits the credentials off a URL the user gave (`http://user:pass@host:6060`): returns the
 * URL without them, safe to print and store, and keeps them for requests to the same origin
 * (scheme, host and port), which send them as HTTP Basic auth. Nothing else ever sees them.
 */
export function takeUrlCredentials(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return redactUrl(url);
  }
  if (u.username === '' && u.password === '') return url;
  credentials.set(u.origin, `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`);
  return withoutUserinfo(u, url);
}

/** The user:pass taken from a URL of this origin, if one was given. */
export function urlCredentials(origin: string): string | undefined {
  return credentials.get(origin);
}
