/**
 * The language of an image from what a team and the catalogue say about it: the team's own
 * patterns first (--go-image, the config file's goImages/otherImages), then the catalogue of
 * well-known images (go-image-catalogue.ts).
 */
import { parseImageRef, repositoryName } from '../../model/image-ref.js';
import type { Language } from '../../model/k8s.js';
import { IMAGE_CATALOGUE } from './go-image-catalogue.js';

/** A team's pattern; `from` says where it was given ("--go-image", "config goImages"). */
export interface ImagePattern {
  readonly re: RegExp;
  /** The expression as given. */
  readonly source: string;
  readonly from: string;
}

/**
 * Each regular expression must match a whole image: as written in the manifest
 * ("example.com/team/api:1.4") or its canonical repository ("docker.io/library/nginx").
 */
export interface ImagePatterns {
  /** Images that run Go. */
  readonly go: readonly ImagePattern[];
  /** Images known not to run Go. */
  readonly other: readonly ImagePattern[];
}

export function imagePattern(source: string, from: string): ImagePattern {
  return { re: new RegExp(`^(?:${source})$`), source, from };
}

export const NO_PATTERNS: ImagePatterns = { go: [], other: [] };

export interface ImageLanguage {
  readonly language: Exclude<Language, 'unknown'>;
  readonly reason: string;
}

const exact = new Map<string, (typeof IMAGE_CATALOGUE)[number]>();
const prefixes: [string, (typeof IMAGE_CATALOGUE)[number]][] = [];
for (const entry of IMAGE_CATALOGUE) {
  for (const repo of entry.repositories) {
    if (repo.endsWith('/*')) prefixes.push([repo.slice(0, -1), entry]);
    else exact.set(repo, entry);
  }
}

export function imageLanguage(
  image: string | undefined,
  patterns: ImagePatterns,
): ImageLanguage | undefined {
  if (image === undefined) return undefined;
  const ref = parseImageRef(image);
  const canonical = ref ? repositoryName(ref) : undefined;
  const matches = (p: ImagePattern) =>
    p.re.test(image) || (canonical !== undefined && p.re.test(canonical));
  const go = patterns.go.find(matches);
  if (go) return { language: 'go', reason: `image matches ${go.from} ${go.source}` };
  const other = patterns.other.find(matches);
  if (other) return { language: 'other', reason: `image matches ${other.from} ${other.source}` };
  if (canonical === undefined) return undefined;
  const entry = exact.get(canonical) ?? prefixes.find(([p]) => canonical.startsWith(p))?.[1];
  if (!entry) return undefined;
  return { language: entry.language, reason: `image of ${entry.project} (${entry.upstream})` };
}
