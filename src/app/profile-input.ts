/**
 * A profile the user names: a file, "-" (stdin) or a URL of a /debug/pprof endpoint, read with
 * a size cap and parsed (gzip bombs stop at the same cap). Credentials in a URL are used for the
 * request, never printed (sources/http.ts).
 */
import { parseProfile } from '../formats/pprof-detect.js';
import type { Profile } from '../model/profile.js';
import { takeUrlCredentials } from '../sources/url-credentials.js';
import {
  isUrl,
  nodeGunzip,
  readProfileSource,
  type ProfileSourceOptions,
} from '../sources/profile-fetch.js';

export async function readProfileInput(
  given: string,
  o: ProfileSourceOptions & { labels?: boolean },
): Promise<Profile> {
  const source = isUrl(given) ? takeUrlCredentials(given) : given;
  return parseProfile(await readProfileSource(source, o), parseOptions(source, o));
}

function parseOptions(source: string, o: ProfileSourceOptions & { labels?: boolean }) {
  return {
    maxDecompressedBytes: o.maxBytes,
    labels: o.labels ?? false,
    inflate: nodeGunzip,
    file: source,
  };
}

/** The profile and the bytes it was read from (gzipped or not): the HTML page embeds those. */
export async function readProfileBytes(
  given: string,
  o: ProfileSourceOptions & { labels?: boolean },
): Promise<{ bytes: Uint8Array; profile: Profile }> {
  const source = isUrl(given) ? takeUrlCredentials(given) : given;
  const bytes = await readProfileSource(source, o);
  return { bytes, profile: await parseProfile(bytes, parseOptions(source, o)) };
}
