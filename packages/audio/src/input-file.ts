import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SerkitError, SerkitErrorCode } from '@serkit/core';
import { fileError } from './errors.js';

/** Why the OS refused a path, in plain words. */
const ERRNO_REASONS: Record<string, [SerkitErrorCode, string]> = {
  ENOENT: ['NOT_FOUND', 'no such file'],
  ENOTDIR: ['NOT_FOUND', 'no such file (a parent in the path is not a directory)'],
  EACCES: ['INVALID_ARGUMENT', 'permission denied: the file cannot be read'],
  EPERM: ['INVALID_ARGUMENT', 'permission denied: the file cannot be read'],
  ELOOP: ['INVALID_ARGUMENT', 'too many levels of symbolic links (a symlink loop?)'],
  ENAMETOOLONG: ['INVALID_ARGUMENT', 'the path is too long'],
  EISDIR: ['INVALID_ARGUMENT', 'is a directory, not an audio file'],
  EIO: ['DECODE_FAILED', 'input/output error while reading'],
};

/** An fs error about `path` as a SerkitError naming the file. */
export function fsError(error: unknown, path: string): SerkitError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = code === undefined ? undefined : ERRNO_REASONS[code];
  if (known) return fileError(known[0], path, known[1], error);
  return fileError('DECODE_FAILED', path, `cannot read: ${(error as Error)?.message ?? String(error)}`, error);
}

/** An audio file opened for reading, checked to be a non-empty regular file. */
export interface AudioFile {
  /** The path as the caller gave it (used in errors). */
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  /** Reads up to `length` bytes at `position` (fewer at the end of the file). */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens `path` for decoding. Rejects, with a SerkitError naming the file: missing files,
 * directories, FIFOs/devices (which could block forever), unreadable and empty files.
 *
 * The reads are synchronous on purpose: for local clips each async fs call costs more than the
 * read itself (thread-pool round trips showed up as ~10% of an in-process decode), and the
 * decoders run on this thread anyway. Long files are read in bounded chunks by the callers.
 */
export async function openAudioFile(path: string): Promise<AudioFile> {
  const absolutePath = resolve(path);
  let fd: number | undefined;
  let size: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then rejects it.
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!info.isFile()) {
      throw fileError('INVALID_ARGUMENT', path, 'not a regular file (a FIFO, socket or device)');
    }
    size = info.size;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    if ((error as SerkitError).name === 'SerkitError') throw error;
    throw fsError(error, path);
  }
  const opened = fd;
  if (size === 0) {
    closeSync(opened);
    throw fileError('MALFORMED_FILE', path, 'the file is empty (0 bytes)');
  }
  let closed = false;
  return {
    path,
    absolutePath,
    size,
    async read(position, length) {
      const want = Math.max(0, Math.min(length, size - position));
      const buffer = new Uint8Array(want);
      let filled = 0;
      try {
        while (filled < want) {
          const bytesRead = readSync(opened, buffer, filled, want - filled, position + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
      } catch (error) {
        throw fsError(error, path);
      }
      return filled === want ? buffer : buffer.subarray(0, filled);
    },
    async close() {
      if (!closed) closeSync(opened);
      closed = true;
    },
  };
}
