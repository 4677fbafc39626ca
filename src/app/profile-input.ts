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

export async function readProfileInput(given: string, o: ProfileSourceOptions): Promise<Profile> {
  const source = isUrl(given) ? takeUrlCredentials(given) : given;
  const bytes = await readProfileSource(source, o);
  return parseProfile(bytes, {
    maxDecompressedBytes: o.maxBytes,
    labels: false,
    inflate: nodeGunzip,
    file: source,
  });
}
