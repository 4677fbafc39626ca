/**
 * A profile the user names: a file, "-" (stdin) or a URL of a /debug/pprof endpoint, read with
 * a size cap and parsed (gzip bombs stop at the same cap). Credentials in a URL are used for the
 * request, never printed (sources/http.ts).
 */
import { parseProfile } from '../formats/pprof-detect.js';
import type { Profile } from '../model/profile.js';
import { takeUrlCredentials } from '../sources/http.js';
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
  return (await readProfileBytes(given, o)).profile;
}

/** The profile and the bytes it was read from (gzipped or not): the HTML page embeds those. */
export async function readProfileBytes(
  given: string,
  o: ProfileSourceOptions & { labels?: boolean },
): Promise<{ bytes: Uint8Array; profile: Profile }> {
  const source = isUrl(given) ? takeUrlCredentials(given) : given;
  const bytes = await readProfileSource(source, o);
  const profile = await parseProfile(bytes, {
    maxDecompressedBytes: o.maxBytes,
    labels: o.labels ?? false,
    inflate: nodeGunzip,
    file: source,
  });
  return { bytes, profile };
}
