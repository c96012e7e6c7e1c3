import { SerkitError } from '@serkit/core';

/** The `[frames, dims]` of a sequence model's input, or a SerkitError naming what is wrong. */
export function sequenceShape(modelId: string, inputShape: readonly number[]): [number, number] {
  const [frames, dims] = inputShape;
  if (inputShape.length !== 2 || !(frames > 0) || !(dims > 0)) {
    throw new SerkitError(
      'INVALID_ARGUMENT',
      `model '${modelId}' needs sequence features [frames, dims] with a fixed frame count, got [${inputShape.join(', ')}]`,
      { input: 'inputShape' },
    );
  }
  return [frames, dims];
}
