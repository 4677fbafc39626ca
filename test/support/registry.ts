/**
 * A real OCI registry on 127.0.0.1 for the --inspect-images tests: `crane registry serve`
 * from github.com/google/go-containerregistry, pinned in testdata/upstream and built into
 * dist/upstream/crane by scripts/build-go.mjs. Images are made by the tests: layer tarballs
 * written by GNU tar from a staging directory, pushed with `crane append`, configured with
 * `crane mutate`, grouped with `crane index append`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CRANE = resolve('dist/upstream/crane');

/** Why registry tests cannot run here, or undefined when they can. */
export function registrySkipReason(): string | undefined {
  if (!existsSync(CRANE))
    return 'dist/upstream/crane not built (needs Go and the module proxy: node scripts/build-go.mjs)';
  if (spawnSync('tar', ['--version']).status !== 0) return 'GNU tar is not installed';
  return undefined;
}

export interface Registry {
  /** "127.0.0.1:PORT" */
  readonly host: string;
  stop(): Promise<void>;
}

export function startRegistry(): Promise<Registry> {
  const child: ChildProcess = spawn(CRANE, ['registry', 'serve', '--address', '127.0.0.1:0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((res, rej) => {
    let log = '';
    const timer = setTimeout(() => rej(new Error(`crane registry did not start: ${log}`)), 15_000);
    child.stderr!.on('data', (d) => {
      log += d;
      const m = /serving on port (\d+)/.exec(log);
      if (m && timer) {
        clearTimeout(timer);
        res({
          host: `127.0.0.1:${m[1]}`,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => rej(new Error(`crane registry exited (${code}): ${log}`)));
  });
}

/** A file of a layer: a copy of a file on disk, some text, or a symlink. */
export type LayerFile =
  | { readonly path: string; readonly from: string; readonly mode?: number }
  | { readonly path: string; readonly text: string; readonly mode?: number }
  | { readonly path: string; readonly symlink: string };

/** Writes a layer tarball (GNU tar, fixed owner and times, so its digest is stable). */
export function layerTar(dir: string, name: string, files: readonly LayerFile[]): string {
  const root = join(dir, `${name}.d`);
  mkdirSync(root, { recursive: true });
  for (const f of files) {
    const at = join(root, f.path);
    mkdirSync(dirname(at), { recursive: true });
    if ('symlink' in f) symlinkSync(f.symlink, at);
    else if ('from' in f) copyFileSync(f.from, at);
    else writeFileSync(at, f.text, { mode: f.mode ?? 0o755 });
  }
  const tar = join(dir, `${name}.tar`);
  run('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '-C',
    root,
    '-cf',
    tar,
    '.',
  ]);
  return tar;
}

export interface ImageSpec {
  readonly layers: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly workdir?: string;
  readonly platform?: string;
  readonly oci?: boolean;
}

/** Pushes an image and returns "host/name@sha256:..." (its manifest digest). */
export function pushImage(host: string, name: string, spec: ImageSpec): string {
  const ref = `${host}/${name}`;
  run(CRANE, [
    'append',
    ...(spec.oci ? ['--oci-empty-base'] : []),
    ...spec.layers.flatMap((l) => ['-f', l]),
    '-t',
    ref,
  ]);
  const mutate = [
    ...(spec.entrypoint ? ['--entrypoint', spec.entrypoint.join(',')] : []),
    ...(spec.cmd ? ['--cmd', spec.cmd.join(',')] : []),
    ...Object.entries(spec.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    ...(spec.workdir ? ['-w', spec.workdir] : []),
    ...(spec.platform ? ['--set-platform', spec.platform] : []),
  ];
  if (mutate.length > 0) run(CRANE, ['mutate', ...mutate, '-t', ref, ref]);
  const digest = run(CRANE, ['digest', ref]).trim();
  return `${ref.replace(/:[^/:]+$/, '')}@${digest}`;
}

/** An image index of pushed manifests, tagged `name`. */
export function pushIndex(host: string, name: string, manifests: readonly string[]): string {
  run(CRANE, ['index', 'append', ...manifests.flatMap((m) => ['-m', m]), '-t', `${host}/${name}`]);
  return `${host}/${name}`;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}
