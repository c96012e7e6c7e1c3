import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureMatrix } from '@serkit/core';
import { writeFileAtomic } from '../io/write-file-atomic.js';
import { sha256Hex } from '../model/sha256.js';

const MAGIC = 0x31464b53; // 'SKF1' little-endian
const HEADER_BYTES = 4 + 4 + 4 + 32;

/**
 * A directory of computed features, one file per key: 'SKF1', frames, dims (uint32 LE), the sha256
 * of the float32 data, then the data. An entry that fails its checksum is treated as missing (the
 * cache is never trusted over recomputing).
 */
export class FeatureCache {
  constructor(readonly dir: string) {}

  #path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.skf`);
  }

  async get(key: string): Promise<FeatureMatrix | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.#path(key));
    } catch {
      return undefined;
    }
    if (bytes.byteLength < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    const frames = bytes.readUInt32LE(4);
    const dims = bytes.readUInt32LE(8);
    const body = bytes.subarray(HEADER_BYTES);
    if (body.byteLength !== frames * dims * 4) return undefined;
    if (sha256Hex(body) !== bytes.subarray(12, HEADER_BYTES).toString('hex')) return undefined;
    const data = new Float32Array(frames * dims);
    new Uint8Array(data.buffer).set(body);
    return { data, frames, dims };
  }

  async put(key: string, features: FeatureMatrix): Promise<void> {
    const body = new Uint8Array(features.data.buffer, features.data.byteOffset, features.data.byteLength);
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(features.frames, 4);
    header.writeUInt32LE(features.dims, 8);
    Buffer.from(sha256Hex(body), 'hex').copy(header, 12);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    await writeFileAtomic(this.#path(key), Buffer.concat([header, body]));
  }
}

/** Cache key: content hash of the audio file + extractor fingerprint + variant + seed. */
export function featureCacheKey(
  contentSha256: string,
  extractorFingerprint: string,
  variant: string,
  seed: number,
): string {
  return sha256Hex(`${contentSha256}\n${extractorFingerprint}\n${variant}\n${seed}`);
}
