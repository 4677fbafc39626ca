/**
 * A tmpfs directory for tests: a fresh tmpfs mounted on a temp dir (mount -t tmpfs needs root),
 * or else a temp dir on /dev/shm (a tmpfs on most Linux systems). cleanup() deletes what is in
 * it (unmounting frees the pages and so uncharges them from the writer's memory cgroup); it may
 * be called twice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TmpfsDir {
  readonly dir: string;
  /** "mount" or "/dev/shm": how the directory was made. */
  readonly how: string;
  cleanup(): void;
}

/** A tmpfs directory of at most `size` bytes (when mounted), or the reason there is none. */
export function makeTmpfsDir(size: number): TmpfsDir | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gomemlens-tmpfs-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mount.status === 0) {
    let mounted = true;
    return {
      dir,
      how: 'mount',
      cleanup() {
        if (!mounted) return;
        mounted = false;
        const r = spawnSync('umount', [dir], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`umount ${dir}: ${r.stderr.trim()}`);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  if (!existsSync('/dev/shm'))
    return { skip: `mount -t tmpfs failed (${mount.stderr.trim()}) and there is no /dev/shm` };
  const shm = mkdtempSync('/dev/shm/gomemlens-');
  return {
    dir: shm,
    how: '/dev/shm',
    cleanup: () => rmSync(shm, { recursive: true, force: true }),
  };
}
