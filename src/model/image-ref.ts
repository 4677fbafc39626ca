/**
 * Container image references as Kubernetes and Docker read them:
 * `[registry[:port]/]path[:tag][@digest]`. The first component is a registry only when it holds
 * a "." or ":" or is "localhost"; otherwise the image is on Docker Hub, where a one-component
 * name lives under "library/" (distribution/reference normalize.go, ParseNormalizedNamed).
 */

export interface ImageRef {
  /** The registry as people write it ("docker.io", "quay.io", "127.0.0.1:5000"). */
  readonly registry: string;
  /** Repository path in the registry ("library/nginx", "prometheus/prometheus"). */
  readonly repository: string;
  readonly tag?: string;
  /** "sha256:<64 hex>" when the reference pins one. */
  readonly digest?: string;
}

export const DOCKER_HUB = 'docker.io';

/** Path components: lowercase alphanumerics joined by ".", "_", "__" or dashes. */
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const REGISTRY = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/;

/** Parses a reference; undefined when it is not one (an empty or templated `image:`). */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text.length === 0 || text.length > 1024 || text !== text.trim()) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) {
    registry = parts.shift()!;
    if (!REGISTRY.test(registry)) return undefined;
  }
  if (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) return undefined;
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  return { registry, repository: parts.join('/'), tag, digest };
}

/** The canonical name without tag or digest: "docker.io/library/nginx". */
export function repositoryName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** The full canonical reference, tag defaulting to "latest" when there is no digest. */
export function formatImageRef(ref: ImageRef): string {
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  return repositoryName(ref) + (tag ? `:${tag}` : '') + (ref.digest ? `@${ref.digest}` : '');
}

/** What a manifest is fetched by: the digest when pinned, else the tag. */
export function manifestReference(ref: ImageRef): string {
  return ref.digest ?? ref.tag ?? 'latest';
}
