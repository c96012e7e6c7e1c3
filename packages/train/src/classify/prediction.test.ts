import { describe, expect, it } from 'vitest';
import { MeanProbabilities, rowWidth, toPrediction } from './prediction.js';

describe('toPrediction', () => {
  const labels = ['calm', 'happy', 'angry'];

  it('picks the best and runner-up of the first head only', () => {
    const p = toPrediction([0.2, 0.7, 0.1, 0.9, 0.1], labels);
    expect(p).toMatchObject({ emotion: 'happy', confidence: 0.7, runnerUp: 'calm', runnerUpConfidence: 0.2 });
    expect(Object.keys(p.probs)).toEqual(labels);
    expect(p.second).toBeUndefined();
  });

  it('reads the second head from the columns after the labels', () => {
    const head = { name: 'intensity', labels: ['normal', 'strong'] };
    const row = Float32Array.of(0.1, 0.3, 0.6, 0.25, 0.75);
    expect(rowWidth({ labels, second: head })).toBe(5);
    const p = toPrediction(row, labels, head);
    expect(p.emotion).toBe('angry');
    expect(p.second).toEqual({
      name: 'intensity',
      label: 'strong',
      confidence: 0.75,
      probs: { normal: 0.25, strong: 0.75 },
    });
    // A timeline's summary averages whole rows, so both heads are averaged alike.
    const mean = new MeanProbabilities(5);
    mean.add(row);
    mean.add(Float32Array.of(0.6, 0.3, 0.1, 0.95, 0.05));
    expect(toPrediction(mean.mean(), labels, head).second?.label).toBe('normal');
  });
});
