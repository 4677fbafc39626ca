// Registry authentication against crane registry serve behind an authenticating front:
// a Bearer challenge answered with a token fetched with Docker config.json credentials,
// refused without them or with a wrong password, and no Authorization header sent on to
// the storage origin a blob GET is redirected to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { scenarioPath } from '../support/go-scenario.js';
import { PASSWORD, startAuthProxy, USER, type AuthProxy } from '../support/registry-proxy.js';
import {
  layerTar,
  pushImage,
  registrySkipReason,
  startRegistry,
  type Registry,
} from '../support/registry.js';

const skip = registrySkipReason();
let registry: Registry;
let proxy: AuthProxy;
let dir: string;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'gomemlens-auth-'));
  registry = await startRegistry();
  const layer = layerTar(dir, 'api', [{ path: 'bin/api', from: scenarioPath('steady') }]);
  pushImage(registry.host, 'shop/api:1.0', { layers: [layer], entrypoint: ['/bin/api'] });
  proxy = await startAuthProxy(registry.host);
  writeFileSync(
    join(dir, 'pod.yaml'),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: api\n      image: ${proxy.host}/shop/api:1.0\n`,
  );
});

after(async () => {
  await proxy?.close();
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function dockerConfig(name: string, auth: string | undefined): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  const auths =
    auth === undefined ? {} : { [proxy.host]: { auth: Buffer.from(auth).toString('base64') } };
  writeFileSync(join(d, 'config.json'), JSON.stringify({ auths }));
  return d;
}

function lint(configDir: string) {
  return runCli(
    [
      'k8s',
      'lint',
      '--json',
      '--inspect-images',
      '--cache-dir',
      join(dir, `cache-${configDir}`),
      join(dir, 'pod.yaml'),
    ],
    { env: { DOCKER_CONFIG: configDir }, timeoutMs: 60_000 },
  );
}

test(
  'Bearer token with Docker config credentials; nothing leaks to the storage origin',
  { skip },
  async () => {
    const r = await lint(dockerConfig('good', `${USER}:${PASSWORD}`));
    assert.equal(r.code, 0, r.stderr);
    const [image] = JSON.parse(r.stdout).images;
    assert.equal(image.verdict, 'go');
    assert.equal(image.binary, '/bin/api');
    assert.ok(proxy.tokenRequests >= 1);
    assert.deepEqual(proxy.leakedAuth, [], 'the redirect target got no Authorization header');
  },
);

test(
  'no credentials, or a wrong password: exit 2, one line, no secret in it',
  { skip },
  async () => {
    const none = await lint(dockerConfig('none', undefined));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /authentication required, and the Docker config has no credentials/);
    const wrong = await lint(dockerConfig('wrong', `${USER}:nope`));
    assert.equal(wrong.code, 2);
    assert.equal(wrong.stderr.trim().split('\n').length, 1);
    assert.match(
      wrong.stderr,
      /^gomemlens k8s: image 127\.0\.0\.1:\d+\/shop\/api:1\.0: 127\.0\.0\.1:\d+: credentials refused \(HTTP 401\)\n$/,
    );
    assert.doesNotMatch(wrong.stderr + wrong.stdout, /nope|s3cret|alice/);
  },
);
