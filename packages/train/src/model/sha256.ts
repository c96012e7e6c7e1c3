import { createHash } from 'node:crypto';

/** Lowercase hex sha256 of `data`. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
