import { SerkitError } from '@serkit/core';
import type { SerkitManifest } from './manifest-schema.js';

/** What the caller's pipeline needs from a model; every given field must match. */
export interface ModelExpectation {
  /** The extractor fingerprint the caller will compute features with. */
  readonly extractorFingerprint?: string;
  /** Labels the caller's data carries: each must be one of the model's labels. */
  readonly labels?: readonly string[];
}

/** Throws MODEL_INCOMPATIBLE with the reason when `manifest` cannot serve `expected`. */
export function checkCompatibility(manifest: SerkitManifest, expected: ModelExpectation, input: string): void {
  const { extractor } = manifest;
  if (expected.extractorFingerprint !== undefined && expected.extractorFingerprint !== extractor.fingerprint) {
    throw new SerkitError(
      'MODEL_INCOMPATIBLE',
      `the model was trained on features '${extractor.id}' with fingerprint ${extractor.fingerprint}, but the requested extractor has fingerprint ${expected.extractorFingerprint} (different extractor, version or configuration)`,
      { input },
    );
  }
  if (expected.labels !== undefined) {
    const known = new Set(manifest.labels);
    const unknown = [...new Set(expected.labels)].filter((label) => !known.has(label));
    if (unknown.length > 0) {
      throw new SerkitError(
        'MODEL_INCOMPATIBLE',
        `the data has labels the model does not know: ${unknown.join(', ')} (model labels: ${manifest.labels.join(', ')})`,
        { input },
      );
    }
  }
}
