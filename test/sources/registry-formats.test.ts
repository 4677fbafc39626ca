// The pure parsers behind the registry client: manifests and indexes (OCI and Docker v2),
// image configs, WWW-Authenticate challenges, Docker's config.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDockerConfig } from '../../src/formats/docker-config.js';
import { ParseError } from '../../src/model/errors.js';
import { parseImageConfig, parseManifest, pickPlatform } from '../../src/formats/oci-image.js';
import { parseChallenge } from '../../src/formats/www-authenticate.js';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

test('manifests, indexes and platforms', () => {
  const index = parseManifest(
    bytes({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [
        {
          mediaType: 'x',
          digest: D('a'),
          size: 10,
          platform: { os: 'linux', architecture: 'amd64' },
        },
        {
          mediaType: 'x',
          digest: D('b'),
          size: 10,
          platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        },
      ],
    }),
    undefined,
  );
  assert.equal(index.kind, 'index');
  if (index.kind !== 'index') return;
  assert.equal(pickPlatform(index.manifests, 'linux/arm64')?.digest, D('b'));
  assert.equal(pickPlatform(index.manifests, 'linux/arm64/v8')?.digest, D('b'));
  assert.equal(pickPlatform(index.manifests, 'windows/amd64'), undefined);
  const m = parseManifest(
    bytes({
      schemaVersion: 2,
      config: { digest: D('c'), size: 2 },
      layers: [{ digest: D('d'), size: 3 }],
    }),
    'application/vnd.oci.image.manifest.v1+json',
  );
  assert.equal(m.kind === 'manifest' && m.layers[0].digest, D('d'));
  for (const bad of [
    { schemaVersion: 1, fsLayers: [] },
    { schemaVersion: 2, config: { digest: 'md5:x', size: 1 }, layers: [] },
    { schemaVersion: 2, config: { digest: D('c'), size: -1 }, layers: [] },
    { schemaVersion: 2 },
    [],
  ])
    assert.throws(() => parseManifest(bytes(bad), undefined), ParseError, JSON.stringify(bad));
  assert.throws(() => parseManifest(new Uint8Array([0xff, 0xfe]), undefined), ParseError);
});

test('image config: Entrypoint, Cmd, Env, WorkingDir; wrong types refused', () => {
  const c = parseImageConfig(
    bytes({
      os: 'linux',
      config: { Entrypoint: ['/a'], Cmd: null, Env: ['PATH=/x'], WorkingDir: '/w' },
    }),
  );
  assert.deepEqual(
    [c.entrypoint, c.cmd, c.env, c.workingDir],
    [['/a'], undefined, ['PATH=/x'], '/w'],
  );
  assert.throws(() => parseImageConfig(bytes({ config: { Cmd: 'run' } })), ParseError);
});

test('any bytes: a manifest or a ParseError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      try {
        parseManifest(b, undefined);
      } catch (err) {
        assert.ok(err instanceof ParseError);
      }
    }),
  );
});

test('WWW-Authenticate challenges', () => {
  assert.deepEqual(
    parseChallenge(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
    ),
    {
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:library/nginx:pull',
      },
    },
  );
  assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), {
    scheme: 'basic',
    params: { realm: 'Registry Realm' },
  });
  assert.deepEqual(parseChallenge('bearer realm=https://a/t, service=x'), {
    scheme: 'bearer',
    params: { realm: 'https://a/t', service: 'x' },
  });
  assert.equal(parseChallenge(''), undefined);
});

test("Docker's config.json: auth, username/password, helpers; junk refused", () => {
  const c = parseDockerConfig(
    JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: btoa('me:pa:ss') },
        'quay.io': { username: 'u', password: 'p' },
      },
      credHelpers: { 'gcr.io': 'gcloud' },
    }),
  );
  assert.deepEqual(c.auths.get('docker.io'), { username: 'me', password: 'pa:ss' });
  assert.deepEqual(c.auths.get('quay.io'), { username: 'u', password: 'p' });
  assert.deepEqual(c.helpers, ['gcr.io']);
  assert.throws(() => parseDockerConfig('{"auths": {"x": {"auth": "!!!"}}}'), ParseError);
  assert.throws(() => parseDockerConfig('[1]'), ParseError);
});
