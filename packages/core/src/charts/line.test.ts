import { describe, expect, it } from 'vitest';
import { confusionChart } from './confusion.js';
import { lineChart } from './line.js';

describe('lineChart', () => {
  it('draws one path per series, escapes names and skips non-finite points', () => {
    const svg = lineChart({
      title: 'Loss <train>',
      series: [
        { name: 'loss', ys: [1, 0.5, 0.25] },
        { name: 'val "loss"', ys: [1.2, Number.NaN, 0.4], dashed: true },
      ],
      marker: { x: 3, label: 'best' },
    });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('Loss &lt;train&gt;');
    expect(svg).toContain('val &quot;loss&quot;');
    expect(svg).not.toContain('NaN');
    // Three finite points of the first series: one move and two line segments.
    expect(svg).toMatch(/d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+"/);
  });
});

describe('confusionChart', () => {
  it('draws a cell per (true, predicted) pair with its count and share', () => {
    const svg = confusionChart({
      labels: ['a', 'b'],
      counts: [
        [3, 1],
        [0, 2],
      ],
      normalised: [
        [0.75, 0.25],
        [0, 1],
      ],
    });
    expect(svg.match(/class="cell"/g)).toHaveLength(4);
    expect(svg).toContain('true a, predicted b: 1 (25.0%)');
    expect(svg).toContain('>75%<');
  });
});
