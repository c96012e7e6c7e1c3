import { type ConfiguredExtractor, type FeatureExtractor, isSerkitError, SerkitError } from '@serkit/core';

/**
 * For random crops: the same extractor configured with `frames: 0`, i.e. whole variable-length
 * clips (the crops are drawn from them at training time). Only sequence extractors with a `frames`
 * option that accepts 0 (e.g. `logmel`) can do this; others get a clear error.
 */
export function wholeClipExtractor(features: FeatureExtractor, configured: ConfiguredExtractor): ConfiguredExtractor {
  const refuse = (reason: string) =>
    new SerkitError('INVALID_ARGUMENT', `random crops need whole clips from '${configured.id}': ${reason}`, {
      input: '--random-crop',
    });
  if (configured.output !== 'sequence') throw refuse('it gives vectors, not frame sequences');
  const frames = configured.config.frames;
  if (typeof frames !== 'number' || frames <= 0) throw refuse('it has no fixed `frames` option');
  try {
    return features.configure({ ...configured.config, frames: 0 });
  } catch (error) {
    if (isSerkitError(error)) throw refuse(`it does not accept frames=0 (${error.message})`);
    throw error;
  }
}
