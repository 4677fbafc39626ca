/** One-line descriptions of filesystem errors, for messages users read (never a stack). */

const WHY: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENXIO: 'no such device or address',
  ETXTBSY: 'text file busy',
  EBUSY: 'device or resource busy',
  EEXIST: 'file exists',
};

/** "permission denied", "no space left on device", ... or the error's own first line. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  if (e?.code && WHY[e.code]) return WHY[e.code];
  const message = e instanceof Error ? e.message : String(err);
  return message.split('\n')[0];
}

/** True when `err` is a system error with one of these codes ("ENOENT", "ESRCH", ...). */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && codes.includes(code);
}
