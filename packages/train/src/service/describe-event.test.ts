import { describe, expect, it } from 'vitest';
import { parseAugment } from '../features/augment.js';
import { describeEvent, formatDuration } from './describe-event.js';

describe('describeEvent', () => {
  it('writes the progress line with loss, accuracy and ETA, and permanent epoch lines with val metrics', () => {
    expect(
      describeEvent({
        type: 'batch',
        partition: 'main',
        epoch: 3,
        batch: 7,
        batches: 144,
        loss: 1.23456,
        accuracy: 0.5,
        etaSeconds: 3725,
      }),
    ).toEqual({ line: 'epoch 3 7/144  loss 1.2346  acc 50.0%  ETA ≤ 1h02m', transient: true });
    const epoch = describeEvent({
      type: 'epoch',
      partition: 'main',
      epoch: 4,
      epochs: 200,
      loss: 0.9,
      accuracy: 0.7,
      valLoss: 1.1,
      valAccuracy: 0.61,
      seconds: 65,
      improved: true,
    });
    expect(epoch).toEqual({
      line: 'epoch 4/200  loss 0.9000  acc 70.0%  val_loss 1.1000  val_acc 61.0%  1m05s  *',
      transient: false,
    });
  });

  it('formats durations and refuses nonsense', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});

describe('parseAugment', () => {
  it("accepts the paper's three augmentations or none, and names an unknown one", () => {
    expect(parseAugment('noise,pitch,stretch')).toEqual(['noise', 'pitch', 'stretch']);
    expect(parseAugment('none')).toEqual([]);
    expect(() => parseAugment('noise,reverb')).toThrow(/unknown augmentation 'reverb'/);
  });
});
