import { SerkitError } from '@serkit/core';

/**
 * Writes a file the user asked for (`--plot`, `--out`) atomically (temp + rename, via
 * @serkit/train's writeFileAtomic); a failure names the flag and the path.
 */
export async function writeOutput(path: string, data: string | Uint8Array, flag: string): Promise<void> {
  const { writeFileAtomic } = await import('@serkit/train');
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'its directory does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot be written (${code ?? (error as Error).message})`;
    throw new SerkitError(code === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_ARGUMENT', reason, {
      input: `${flag} ${path}`,
      cause: error,
    });
  }
}
