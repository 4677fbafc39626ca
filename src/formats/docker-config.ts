/**
 * Docker's client configuration (~/.docker/config.json, or $DOCKER_CONFIG/config.json): the
 * `auths` map of registry -> {auth: base64("user:password")} or {username, password}, and
 * {identitytoken} for an OAuth refresh token. Keys are "host[:port]", sometimes a URL
 * ("https://index.docker.io/v1/" is Docker Hub). Credential helpers (credsStore, credHelpers)
 * are programs to run, which this reader does not do: it says they are configured.
 */
import { ParseError } from '../model/errors.js';
import { decodeBase64 } from './base64.js';
import { parseJson } from './json.js';

export interface RegistryCredential {
  readonly username?: string;
  readonly password?: string;
  readonly identityToken?: string;
}

export interface DockerConfig {
  readonly auths: ReadonlyMap<string, RegistryCredential>;
  /** Registries whose credentials live in a helper this reader does not run. */
  readonly helpers: readonly string[];
}

export function parseDockerConfig(text: string): DockerConfig {
  const doc = parseJson(text, {}, 'not JSON');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new ParseError('not a JSON object');
  const { auths, credsStore, credHelpers } = doc as Record<string, unknown>;
  const out = new Map<string, RegistryCredential>();
  if (auths !== undefined && (typeof auths !== 'object' || auths === null))
    throw new ParseError('"auths" is not an object');
  for (const [key, v] of Object.entries((auths ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'object' || v === null) continue;
    const c = credentialOf(v as Record<string, unknown>, key);
    if (c) out.set(registryKey(key), c);
  }
  const helpers = [
    ...(typeof credsStore === 'string' ? ['*'] : []),
    ...Object.keys(typeof credHelpers === 'object' && credHelpers ? credHelpers : {}),
  ];
  return { auths: out, helpers };
}

function credentialOf(v: Record<string, unknown>, key: string): RegistryCredential | undefined {
  if (typeof v.identitytoken === 'string' && v.identitytoken !== '')
    return { identityToken: v.identitytoken };
  if (typeof v.auth === 'string' && v.auth !== '') {
    const decoded = base64Text(v.auth);
    const colon = decoded?.indexOf(':') ?? -1;
    if (colon < 0) throw new ParseError(`auths["${key}"].auth is not base64 of "user:password"`);
    return { username: decoded!.slice(0, colon), password: decoded!.slice(colon + 1) };
  }
  if (typeof v.username === 'string' && typeof v.password === 'string')
    return { username: v.username, password: v.password };
  return undefined;
}

function base64Text(s: string): string | undefined {
  try {
    return new TextDecoder().decode(decodeBase64(s)); // atob throws on what is not base64
  } catch {
    return undefined;
  }
}

/** "https://index.docker.io/v1/" -> "docker.io"; "https://quay.io" -> "quay.io". */
export function registryKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}
