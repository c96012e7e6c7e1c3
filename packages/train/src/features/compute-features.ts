import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type ConfiguredExtractor, type Dsp, type FeatureMatrix, isSerkitError } from '@serkit/core';
import { deriveSeed } from '../random/derive-seed.js';
import type { Example, Variant } from '../split/types.js';
import { allFinite } from './all-finite.js';
import { applyVariant } from './augment.js';
import { type FeatureCache, featureCacheKey } from './feature-cache.js';

/** Decodes a file to mono Float32 samples at `sampleRate` (the host wires @serkit/audio here). */
export type DecodeAudio = (path: string, sampleRate: number, signal?: AbortSignal) => Promise<Float32Array>;

export interface ComputeFeaturesOptions {
  readonly extractor: ConfiguredExtractor;
  readonly dsp: Dsp;
  readonly decode: DecodeAudio;
  /** Where computed features are kept between runs; none: always compute. */
  readonly cache?: FeatureCache;
  /** Seed of the noise augmentation (per file: derived from it and the file's content hash). */
  readonly seed: number;
  /** Files decoded at once. Default 2. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A file that could not be turned into features; the rest of the batch goes on without it. */
export interface FeatureProblem {
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

export interface ComputedFeatures {
  /** Keyed by `exampleKey`. */
  readonly features: Map<string, FeatureMatrix>;
  readonly problems: readonly FeatureProblem[];
  /** How many (file, variant) pairs came from the cache. */
  readonly cacheHits: number;
}

export const exampleKey = (example: Example): string => `${example.item.path}\u0000${example.variant}`;

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Features of every example: per file, the content hash is looked up in the cache for each variant;
 * only on a miss is the file decoded (once) at the extractor's sample rate, augmented and
 * featurised. A file that fails (unreadable, undecodable, NaN features) is reported in `problems`
 * and left out; the batch never dies on one file.
 */
export async function computeFeatures(
  examples: readonly Example[],
  options: ComputeFeaturesOptions,
): Promise<ComputedFeatures> {
  const { extractor, dsp, cache } = options;
  const byPath = new Map<string, Variant[]>();
  for (const e of examples) {
    const variants = byPath.get(e.item.path) ?? [];
    if (!variants.includes(e.variant)) variants.push(e.variant);
    byPath.set(e.item.path, variants);
  }
  const features = new Map<string, FeatureMatrix>();
  const problems: FeatureProblem[] = [];
  let cacheHits = 0;
  let done = 0;
  const paths = [...byPath.keys()];

  const processFile = async (path: string): Promise<void> => {
    const variants = byPath.get(path)!;
    try {
      const contentHash = await fileSha256(path);
      let samples: Float32Array | undefined;
      for (const variant of variants) {
        const variantSeed = variant === 'noise' ? deriveSeed(options.seed, 'noise', contentHash) : 0;
        const key = featureCacheKey(contentHash, extractor.fingerprint, variant, variantSeed);
        let matrix = await cache?.get(key);
        if (matrix !== undefined) {
          cacheHits++;
        } else {
          samples ??= await options.decode(path, extractor.sampleRate, options.signal);
          const audio = applyVariant(samples, extractor.sampleRate, variant, dsp, variantSeed);
          matrix = extractor.extract(audio, { dsp });
          if (!allFinite(matrix.data)) {
            throw Object.assign(new Error(`${variant} features contain NaN or Inf`), { code: 'INVALID_AUDIO' });
          }
          await cache?.put(key, matrix);
        }
        features.set(`${path}\u0000${variant}`, matrix);
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      for (const variant of variants) features.delete(`${path}\u0000${variant}`);
      problems.push({
        path,
        code: isSerkitError(error) ? error.code : ((error as { code?: string }).code ?? 'INTERNAL'),
        reason: isSerkitError(error) ? error.reason : (error as Error).message,
      });
    }
    options.onProgress?.(++done, paths.length);
  };

  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      options.signal?.throwIfAborted();
      await processFile(paths[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return { features, problems, cacheHits };
}
