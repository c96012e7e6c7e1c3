import { readFile } from 'node:fs/promises';
import { SerkitError } from '@serkit/core';
import { sha256Hex } from './sha256.js';

/** Reads a file serkit wrote; a missing file is NOT_FOUND, a wrong checksum is CORRUPT_FILE. */
export async function readVerified(path: string, expectedSha256?: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SerkitError('NOT_FOUND', 'file is missing', { input: path, cause: error });
    throw new SerkitError('CORRUPT_FILE', `cannot read file (${code ?? (error as Error).message})`, {
      input: path,
      cause: error,
    });
  }
  if (expectedSha256 !== undefined) {
    const actual = sha256Hex(bytes);
    if (actual !== expectedSha256) {
      throw new SerkitError(
        'CORRUPT_FILE',
        `checksum mismatch (sha256 ${actual.slice(0, 12)}…, expected ${expectedSha256.slice(0, 12)}…): the file is truncated, damaged or was changed after it was written`,
        { input: path },
      );
    }
  }
  return bytes;
}

/** Parses JSON text; malformed text is CORRUPT_FILE naming the file. Parsing never runs code. */
export function parseJsonFile(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SerkitError('CORRUPT_FILE', `not valid JSON (${(error as Error).message})`, {
      input: path,
      cause: error,
    });
  }
}
