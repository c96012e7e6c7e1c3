import { SerkitError } from '@serkit/core';
import type { z } from 'zod';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { parseJsonFile, readVerified } from './read-verified.js';
import { sha256Hex } from './sha256.js';

const SELF_SUM = 'manifestSha256';

/**
 * Writes `value` as pretty JSON with a `manifestSha256` field holding the sha256 of the same JSON
 * without that field. JSON.parse + JSON.stringify round-trips numbers and key order exactly, so the
 * reader can recompute it.
 */
export async function writeChecksummedJson(path: string, value: Record<string, unknown>): Promise<void> {
  const { [SELF_SUM]: _ignored, ...body } = value;
  const withSum = { ...body, [SELF_SUM]: sha256Hex(JSON.stringify(body, null, 2)) };
  await writeFileAtomic(path, `${JSON.stringify(withSum, null, 2)}\n`);
}

/**
 * Reads a file written by `writeChecksummedJson`: JSON syntax, the strict `schema`, then the self
 * checksum. Any failure is CORRUPT_FILE naming the file and what is wrong.
 */
export async function readChecksummedJson<S extends z.ZodType<{ [SELF_SUM]: string }>>(
  path: string,
  schema: S,
): Promise<z.infer<S>> {
  const raw = parseJsonFile((await readVerified(path)).toString('utf8'), path);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new SerkitError('CORRUPT_FILE', `does not match the serkit schema at ${where}: ${issue.message}`, {
      input: path,
    });
  }
  const { [SELF_SUM]: stored, ...body } = raw as Record<string, unknown>;
  if (sha256Hex(JSON.stringify(body, null, 2)) !== stored) {
    throw new SerkitError('CORRUPT_FILE', 'its content does not match its own checksum (edited or damaged)', {
      input: path,
    });
  }
  return parsed.data;
}
