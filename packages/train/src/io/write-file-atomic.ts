import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that a reader (or a crash, or kill -9) sees either the old file or the
 * whole new one, never a half-written file: the bytes go to a temporary file in the same directory
 * (same file system, so the rename is atomic), are fsynced, then the file is renamed over `path`
 * and the directory is fsynced so the rename itself survives a power cut.
 *
 * Every file serkit writes (models, checkpoints, caches, reports) goes through this helper.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  // A dot-prefixed, random temporary name: concurrent writers never collide and a leftover after a
  // crash is recognisable (`.name.<hex>.tmp`).
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** fsync a directory so a rename in it is durable; some file systems refuse, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on some platforms: durability of the rename is best effort there.
  } finally {
    await handle?.close();
  }
}

/** The temporary names `writeFileAtomic` uses: `.<name>.<12 hex>.tmp`. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Deletes temporary files a killed writer left in `dir` (only names `writeFileAtomic` makes). Call
 * it where no other writer is active, e.g. when a run resumes.
 */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    entries.filter((name) => TEMP_NAME.test(name)).map((name) => unlink(join(dir, name)).catch(() => undefined)),
  );
}
