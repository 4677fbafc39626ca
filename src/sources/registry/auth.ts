/**
 * Registry authentication (distribution token spec, docs/spec/auth/token.md): the first
 * request goes out anonymous; a 401 carries a challenge. `Bearer realm=...,service=...,
 * scope=...` means: get a token from the realm (with the user's credentials as Basic auth, or
 * anonymously; with an identity token as an OAuth2 refresh_token POST) and retry with it.
 * `Basic` means: send the credentials themselves. Tokens are kept per registry and scope for
 * the run; credentials come from Docker's config.json and never appear in a message.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  parseDockerConfig,
  type DockerConfig,
  type RegistryCredential,
} from '../../formats/docker-config.js';
import { parseChallenge } from '../../formats/www-authenticate.js';
import { InputError, parseAt } from '../../model/errors.js';
import { readInputText } from '../input-file.js';
import { readBody, send, type RequestOptions } from './http.js';

const MAX_TOKEN_BYTES = 1 << 20;
const MAX_CONFIG_BYTES = 4 << 20;

/** Docker's config.json: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export async function loadDockerConfig(env = process.env): Promise<DockerConfig | undefined> {
  const file = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  try {
    await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // no docker login
  }
  const text = await readInputText(file, { maxBytes: MAX_CONFIG_BYTES, what: 'Docker config' });
  return parseAt({ file }, () => parseDockerConfig(text));
}

export class RegistryAuth {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly config: DockerConfig | undefined) {}

  credential(registry: string): RegistryCredential | undefined {
    return this.config?.auths.get(registry);
  }

  /** The Authorization header for `registry` and `scope` once a challenge was answered. */
  cached(registry: string, scope: string): string | undefined {
    return this.tokens.get(`${registry} ${scope}`);
  }

  /** Answers the challenge of a 401; undefined when it asks for nothing this client can give. */
  async answer(
    registry: string,
    scope: string,
    header: string | null,
    opts: Omit<RequestOptions, 'headers'>,
  ): Promise<string | undefined> {
    const challenge = parseChallenge(header);
    const cred = this.credential(registry);
    let value: string | undefined;
    if (challenge?.scheme === 'basic' && cred?.username !== undefined)
      value = `Basic ${basic(cred)}`;
    else if (challenge?.scheme === 'bearer' && challenge.params.realm)
      value = `Bearer ${await this.token(challenge.params, scope, cred, opts)}`;
    if (value) this.tokens.set(`${registry} ${scope}`, value);
    return value;
  }

  private async token(
    params: Readonly<Record<string, string>>,
    scope: string,
    cred: RegistryCredential | undefined,
    opts: Omit<RequestOptions, 'headers'>,
  ): Promise<string> {
    const url = new URL(params.realm);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new InputError(`token realm ${url.protocol} is not HTTP`);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? scope);
    if (cred?.identityToken !== undefined)
      throw new InputError(
        `${url.host}: the Docker config holds an identity token (OAuth), which gomemlens does not exchange; log in with a username and password or access token`,
      );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cred?.username !== undefined) headers.authorization = `Basic ${basic(cred)}`;
    const res = await send(url.toString(), { ...opts, headers });
    const body = await readBody(res, MAX_TOKEN_BYTES, `token from ${url.host}`, opts.timeoutMs);
    if ((res.status === 401 || res.status === 403) && cred === undefined)
      throw new InputError(
        `${url.host}: authentication required, and the Docker config has no credentials for this registry`,
      );
    if (res.status === 401 || res.status === 403)
      throw new InputError(`${url.host}: credentials refused (HTTP ${res.status})`);
    if (res.status !== 200)
      throw new InputError(`${url.host}: token request answered HTTP ${res.status}`);
    let doc: { token?: unknown; access_token?: unknown };
    try {
      doc = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new InputError(`${url.host}: the token answer is not JSON`);
    }
    const token = doc?.token ?? doc?.access_token;
    if (typeof token !== 'string' || token === '' || /[\r\n]/.test(token))
      throw new InputError(`${url.host}: the token answer has no token`);
    return token;
  }
}

function basic(c: RegistryCredential): string {
  return btoa(
    String.fromCharCode(...new TextEncoder().encode(`${c.username}:${c.password ?? ''}`)),
  );
}
