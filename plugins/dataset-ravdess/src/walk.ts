import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SerkitError } from '@serkit/core';

export interface WalkResult {
  /** Regular files (symlinks resolved), sorted. */
  readonly files: string[];
  /** Directories or links that could not be read, with the reason. */
  readonly unreadable: { readonly path: string; readonly reason: string }[];
}

/**
 * Lists every file under `root`, following symbolic links but visiting each real directory once
 * (so a link loop ends). An unreadable entry is reported, never thrown; only a missing or
 * non-directory `root` throws.
 */
export async function walkFiles(root: string, signal?: AbortSignal): Promise<WalkResult> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new SerkitError('NOT_FOUND', `cannot read the dataset directory (${error.code ?? error.message})`, {
      input: root,
      cause: error,
    });
  });
  if (!info.isDirectory()) throw new SerkitError('INVALID_ARGUMENT', 'is not a directory', { input: root });

  const files: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  const visited = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    if (signal?.aborted) throw new SerkitError('ABORTED', 'scan aborted', { input: root });
    const dir = pending.pop()!;
    try {
      const real = await realpath(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) pending.push(path);
        else if (entry.isFile()) files.push(path);
        else if (entry.isSymbolicLink()) {
          const target = await stat(path).catch((error: NodeJS.ErrnoException) => error);
          if (target instanceof Error)
            unreadable.push({ path, reason: `broken link (${target.code ?? target.message})` });
          else if (target.isDirectory()) pending.push(path);
          else if (target.isFile()) files.push(path);
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      unreadable.push({ path: dir, reason: `cannot read directory (${code ?? String(error)})` });
    }
  }
  files.sort();
  return { files, unreadable };
}
