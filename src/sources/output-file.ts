/**
 * The one writer for files the user asked for (`k8s fix --write`, `report -o`, `bench save`,
 * snapshots): the data goes to a temporary file in the same directory, is fsynced, then renamed
 * over the target (rename(2) is atomic within a filesystem), so a full disk, a crash or a kill
 * leaves the old file whole, never half-written. Errors are one-line InputErrors (exit 2).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';
import { describeFsError, hasCode } from './fs-errors.js';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = await resolveTarget(path);
  const mode = await existingMode(target);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    if (mode !== undefined) await access(target, constants.W_OK);
    handle = await open(tmp, 'wx', mode ?? 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined); // the temp file may not exist yet
    throw new InputError(`cannot write ${path}: ${describeFsError(err)}`);
  }
  await syncDirectory(dirname(target));
}

/** Writing through a symlink updates the file it points to, as a plain write would. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path; // does not exist yet (or a dangling link: the open reports it)
  }
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** fsync of the directory makes the rename itself durable; not every filesystem allows it. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch (err) {
    // Some filesystems cannot fsync a directory (EINVAL), or it may not be opened for reading:
    // the data is already synced and renamed. Anything else is a failed write.
    if (hasCode(err, 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EACCES', 'EPERM', 'EISDIR')) return;
    throw new InputError(`cannot sync ${dir}: ${describeFsError(err)}`);
  }
}
