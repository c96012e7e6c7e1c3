import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SerkitError } from '@serkit/core';
import { glob, isDynamicPattern } from 'tinyglobby';
import { AUDIO_EXTENSIONS, hasAudioExtension } from './audio-extensions.js';
import { splitStream } from './split-stream.js';

/** One file to classify, or an input that could not be turned into files (with the reason). */
export type ExpandedInput = { readonly file: string } | { readonly file: string; readonly error: SerkitError };

export interface ExpandOptions {
  /**
   * Extensions (lower case, no dot) a directory walk or a glob keeps. Default AUDIO_EXTENSIONS.
   * A file named explicitly is always kept, whatever its extension: the decoder judges it by its bytes.
   */
  readonly extensions?: ReadonlySet<string>;
  /** Where the list for the input `-` comes from (process.stdin in the CLI). Default: none (`-` is an error). */
  readonly stdin?: AsyncIterable<string | Uint8Array>;
  /** What separates names in the stdin list: '\n' (default; a trailing '\r' is dropped) or '\0' (`find -print0`). */
  readonly stdinSeparator?: '\n' | '\0';
}

/**
 * Turns command-line inputs into a stream of files, lazily (10,000 files or a deep tree never sit
 * in memory as a list, only the set of paths already seen, to drop duplicates):
 * - an existing file is kept as is; an existing directory is walked recursively (sorted, symlinked
 *   directories followed once, loops cut, hidden entries skipped), keeping files with an audio extension;
 * - a path that does not exist but contains glob syntax (`*`, `?`, `[…]`, `{…}`) is expanded with
 *   tinyglobby; names that merely contain such characters still work because existence is checked first;
 * - `-` reads a list of inputs from `options.stdin`, one per line (or NUL separated), taken literally.
 * Inputs that lead nowhere (missing, unreadable, a glob matching nothing) come out as `{file, error}`
 * and the stream goes on.
 */
export async function* expandInputs(
  inputs: Iterable<string> | AsyncIterable<string>,
  options: ExpandOptions = {},
): AsyncGenerator<ExpandedInput> {
  const walker = new Walker(options.extensions ?? AUDIO_EXTENSIONS);
  let stdinUsed = false;
  for await (const input of inputs) {
    if (input === '-') {
      if (stdinUsed || options.stdin === undefined) {
        yield { file: '-', error: new SerkitError('INVALID_ARGUMENT', 'no list of files on stdin', { input: '-' }) };
        continue;
      }
      stdinUsed = true;
      for await (const line of splitStream(options.stdin, options.stdinSeparator ?? '\n')) {
        yield* walker.expand(line, false);
      }
      continue;
    }
    yield* walker.expand(input, true);
  }
}

class Walker {
  /** Real paths already produced or walked: an input named twice, or reached two ways, comes out once. */
  readonly #seen = new Set<string>();
  readonly #extensions: ReadonlySet<string>;

  constructor(extensions: ReadonlySet<string>) {
    this.#extensions = extensions;
  }

  async *expand(input: string, allowGlob: boolean): AsyncGenerator<ExpandedInput> {
    if (input === '') {
      yield { file: input, error: new SerkitError('INVALID_ARGUMENT', 'empty file name', { input }) };
      return;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch (error) {
      if (allowGlob && isDynamicPattern(input) && isMissing(error)) {
        yield* this.#glob(input);
        return;
      }
      yield { file: input, error: fsError(error, input) };
      return;
    }
    if (!info.isDirectory()) {
      yield* this.#file(input);
      return;
    }
    if (this.#seen.has(await realpath(input).catch(() => resolve(input)))) return; // named twice
    let found = 0;
    for await (const entry of this.#walk(input)) {
      found++;
      yield entry;
    }
    // A directory named on purpose that holds nothing to classify is a mistake worth reporting.
    if (found === 0) {
      const reason = 'is a directory with no audio files in it';
      yield { file: input, error: new SerkitError('INVALID_ARGUMENT', reason, { input }) };
    }
  }

  async *#file(file: string): AsyncGenerator<ExpandedInput> {
    const real = await realpath(file).catch(() => resolve(file));
    if (this.#seen.has(real)) return;
    this.#seen.add(real);
    yield { file };
  }

  async *#walk(dir: string): AsyncGenerator<ExpandedInput> {
    const real = await realpath(dir).catch(() => resolve(dir));
    if (this.#seen.has(real)) return; // a symlink loop, or the same tree named twice
    this.#seen.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      yield { file: dir, error: fsError(error, dir) };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Hidden entries are skipped, as a glob does: macOS `._name.wav` resource forks, `.git`, temp files.
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        if (target === undefined) {
          // A dangling link that looks like audio is reported; other dangling links are ignored.
          if (this.#wanted(entry.name)) yield { file: path, error: fsError({ code: 'ENOENT' }, path) };
          continue;
        }
        isDirectory = target.isDirectory();
      }
      if (isDirectory) yield* this.#walk(path);
      else if (this.#wanted(entry.name)) yield* this.#file(path);
    }
  }

  async *#glob(pattern: string): AsyncGenerator<ExpandedInput> {
    const matches = await glob(pattern, {
      onlyFiles: true,
      dot: false,
      expandDirectories: false,
      followSymbolicLinks: true,
    });
    const files = matches.filter((file) => this.#wanted(file)).sort();
    if (files.length === 0) {
      const reason = 'no audio file matches this pattern';
      yield { file: pattern, error: new SerkitError('NOT_FOUND', reason, { input: pattern }) };
      return;
    }
    for (const file of files) yield* this.#file(file);
  }

  #wanted(name: string): boolean {
    return hasAudioExtension(name, this.#extensions);
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'no such file (a parent in the path is not a directory)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  ENAMETOOLONG: 'the path is too long',
};

function fsError(error: unknown, input: string): SerkitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = FS_REASONS[code] ?? `cannot read: ${(error as Error | undefined)?.message ?? String(error)}`;
  return new SerkitError(isMissing(error) ? 'NOT_FOUND' : 'INVALID_ARGUMENT', reason, { input, cause: error });
}
