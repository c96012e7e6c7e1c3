import { describe, expect, it } from 'vitest';
import { barChart } from './bar.js';

function barHeights(svg: string): number[] {
  return [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#[0-9a-f]{6}"><title>/g)].map(
    (m) => Number(m[1]),
  );
}

describe('barChart', () => {
  it('draws one bar per category with heights proportional to the values', () => {
    const svg = barChart({
      title: 'Files per emotion',
      categories: ['neutral', 'calm', 'happy'],
      series: [{ name: 'files', values: [96, 192, 48] }],
    });
    const heights = barHeights(svg);
    expect(heights).toHaveLength(3);
    expect(heights[1] / heights[0]).toBeCloseTo(2, 1);
    expect(heights[0] / heights[2]).toBeCloseTo(2, 1);
    expect(svg).toContain('<title>calm: 192</title>');
    expect(svg).toContain('>Files per emotion</text>');
    // The y axis reaches above the tallest bar: its top tick is 200, not 150.
    expect(svg).toContain('>200</text>');
  });

  it('groups several series and draws a legend', () => {
    const svg = barChart({
      categories: ['angry', 'sad'],
      series: [
        { name: 'male', values: [96, 96] },
        { name: 'female', values: [96, 0] },
      ],
    });
    expect(barHeights(svg)).toHaveLength(4);
    expect(svg).toContain('<title>sad / female: 0</title>');
    expect(svg).toContain('>female</text>');
  });

  it('escapes category names', () => {
    const svg = barChart({ categories: ['<b>&'], series: [{ name: 'n', values: [1] }] });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;&amp;');
  });
});
