import { describe, expect, it } from 'vitest';
import { COOLWARM, colorMap, escapeXml, linearScale, niceTicks, num, rect, svgDocument } from './svg.js';

describe('svg primitives', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(rect(0, 0, 1, 1, { fill: '"><script>' })).not.toContain('<script>');
  });

  it('writes finite, short numbers', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(Number.NaN)).toBe('0');
    expect(rect(0, 0, -5, 3)).toContain('width="0"');
  });

  it('produces round ticks covering the range', () => {
    expect(niceTicks(0, 192)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(0, 200)).toEqual([0, 50, 100, 150, 200]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('maps linearly and interpolates colours', () => {
    expect(linearScale(0, 10, 100, 0)(2.5)).toBe(75);
    expect(colorMap(COOLWARM, 0)).toBe('rgb(59,76,192)');
    expect(colorMap(COOLWARM, 1)).toBe('rgb(180,4,38)');
    expect(colorMap(COOLWARM, 5)).toBe('rgb(180,4,38)');
  });

  it('wraps a body in an SVG document with an escaped title', () => {
    const doc = svgDocument(100, 50, '', 'a < b');
    expect(doc.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(doc).toContain('<title>a &lt; b</title>');
    expect(doc.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
