import type { DatasetItem } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { countBy, labelBars } from './inspect.js';

const item = (label: string, speaker: string, gender: string): DatasetItem => ({
  path: `/${label}/${speaker}`,
  label,
  speaker,
  extra: { gender },
});

describe('countBy', () => {
  it('lists declared values first (zero when absent), then the others in natural order', () => {
    const items = [item('sad', '10', 'f'), item('sad', '2', 'm'), item('odd', '1', 'm')];
    expect(Object.entries(countBy(items, (i) => i.label, ['happy', 'sad']))).toEqual([
      ['happy', 0],
      ['sad', 2],
      ['odd', 1],
    ]);
    expect(Object.keys(countBy(items, (i) => i.speaker))).toEqual(['1', '2', '10']);
  });
});

describe('labelBars', () => {
  it('groups counts per label by an extra label', () => {
    const items = [item('sad', '1', 'male'), item('sad', '2', 'female'), item('angry', '1', 'male')];
    const inspection = {
      labelName: 'emotion',
      speakerName: 'actor',
      counts: { emotion: { angry: 1, sad: 2 }, actor: { '1': 2, '2': 1 }, gender: { female: 1, male: 2 } },
    };
    expect(labelBars(inspection as never, items)).toEqual({
      categories: ['angry', 'sad'],
      series: [{ name: 'files', values: [1, 2] }],
    });
    expect(labelBars(inspection as never, items, 'gender').series).toEqual([
      { name: 'female', values: [0, 1] },
      { name: 'male', values: [1, 1] },
    ]);
    expect(labelBars(inspection as never, items, 'actor').series[0]).toEqual({ name: '1', values: [1, 1] });
  });
});
