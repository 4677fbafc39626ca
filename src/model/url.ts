/**
 * URLs as they may be shown or stored: without the user:password@ part. Credentials given in a
 * URL are for the request only (src/sources/http.ts takeUrlCredentials); a URL read back from
 * an older file or typed by hand goes through here before it is printed.
 */

/** The URL with any user:password@ part removed (also from text that does not parse). */
export function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
  }
  return u.username === '' && u.password === '' ? url : withoutUserinfo(u, url);
}

/** `u` (parsed from `original`) without its credentials, in the user's form. */
export function withoutUserinfo(u: URL, original: string): string {
  const copy = new URL(u.toString());
  copy.username = '';
  copy.password = '';
  // URL adds a "/" to a bare origin; keep the user's form otherwise.
  return /^[a-z]+:\/\/[^/]+$/i.test(original)
    ? copy.toString().replace(/\/$/, '')
    : copy.toString();
}
