import { describe, expect, it } from 'vitest';
import { parseAugment } from '../features/augment.js';
import { describeEvent, describeLeftOut, formatDuration } from './describe-event.js';

describe('describeEvent', () => {
  it('names every dataset problem under the scan line, cutting long ones and the list after 20', () => {
    const problems = Array.from({ length: 23 }, (_, i) => ({
      kind: 'malformed-name' as const,
      path: `/d/Actor_01/bad-${i}.wav`,
      message: i === 0 ? 'x'.repeat(500) : 'expected seven two-digit fields',
    }));
    const lines = describeEvent({ type: 'scan', items: 40, labels: ['calm', 'angry'], problems })?.line.split('\n');
    expect(lines?.[0]).toBe('dataset: 40 files, 2 classes (calm, angry), 23 problems:');
    expect(lines?.[1]).toHaveLength(2 + 200);
    expect(lines?.[1].endsWith('…')).toBe(true);
    expect(lines?.[2]).toBe('  /d/Actor_01/bad-1.wav: expected seven two-digit fields');
    expect(lines).toHaveLength(1 + 20 + 1);
    expect(lines?.[21]).toBe('  … and 3 more (all are listed in metrics.json)');
    expect(describeEvent({ type: 'scan', items: 4, labels: ['a', 'b'], problems: [] })?.line).toBe(
      'dataset: 4 files, 2 classes (a, b)',
    );
  });

  it('lists the files the features step left out, with reason and code', () => {
    expect(describeLeftOut([])).toEqual([]);
    expect(describeLeftOut([{ path: '/d/a.wav', code: 'MALFORMED_FILE', reason: 'not audio' }])).toEqual([
      '1 file left out:',
      '  /d/a.wav: not audio (MALFORMED_FILE)',
    ]);
    expect(describeEvent({ type: 'features-done', examples: 9, cacheHits: 0, problems: 2 })?.line).toBe(
      'features: 9 examples (0 from cache), 2 files left out',
    );
  });

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
