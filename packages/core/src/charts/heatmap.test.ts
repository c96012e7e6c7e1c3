import { describe, expect, it } from 'vitest';
import { heatmap } from './heatmap.js';

function cellFills(svg: string): string[] {
  return [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="(rgb\([^)]+\))"\/>/g)].map(
    (m) => m[1],
  );
}

describe('heatmap', () => {
  it('draws one cell per value plus the colour bar, row 0 at the bottom', () => {
    // 2 rows x 3 cols: row 0 = [-1, 0, 1], row 1 = [1, 1, 1]
    const svg = heatmap({
      data: [-1, 0, 1, 1, 1, 1],
      rows: 2,
      cols: 3,
      title: 'MFCC',
      xLabel: 'Frame',
      yLabel: 'MFCC',
    });
    const fills = cellFills(svg);
    expect(fills).toHaveLength(6 + 32);
    // Mixed signs -> coolwarm centred on 0: the lowest value is the coolest blue, the highest the warmest red.
    expect(fills[0]).toBe('rgb(59,76,192)');
    expect(fills[2]).toBe('rgb(180,4,38)');
    const ys = [...svg.matchAll(/<rect x="[^"]+" y="([^"]+)"/g)].map((m) => Number(m[1]));
    // Background rect first, then row 0 cells, then row 1 cells (drawn above row 0).
    expect(ys[1]).toBeGreaterThan(ys[4]);
  });

  it('uses a sequential map for non-negative data and averages long inputs down', () => {
    const cols = 1000;
    const data = Float32Array.from({ length: cols }, (_, c) => c);
    const fills = cellFills(heatmap({ data, rows: 1, cols, maxColumns: 100 }));
    expect(fills).toHaveLength(100 + 32);
    expect(fills[0]).toBe('rgb(0,0,4)');
    expect(fills[99]).toBe('rgb(252,253,191)');
  });

  it('survives NaN and constant data', () => {
    const svg = heatmap({ data: [Number.NaN, 2, 2, 2], rows: 2, cols: 2 });
    expect(svg).not.toContain('NaN');
    expect(cellFills(svg)).toHaveLength(4 + 32);
  });
});
