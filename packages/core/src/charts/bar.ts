import { formatTick, line, linearScale, niceTicks, PALETTE, rect, svgDocument, text } from './svg.js';

export interface BarSeries {
  readonly name: string;
  /** One value per category, in the order of `categories`. */
  readonly values: readonly number[];
}

export interface BarChartOptions {
  readonly title?: string;
  /** Category labels along the x axis (e.g. the emotions). */
  readonly categories: readonly string[];
  /** One series draws one bar per category; several series draw grouped bars with a legend. */
  readonly series: readonly BarSeries[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Default 720. */
  readonly width?: number;
  /** Default 420. */
  readonly height?: number;
}

const MARGIN = { top: 40, right: 20, bottom: 70, left: 60 };

/**
 * A vertical (grouped) bar chart as an SVG document, e.g. the paper's Fig 1 (files per emotion)
 * and Fig 2 (files per emotion and gender).
 */
export function barChart(options: BarChartOptions): string {
  const { categories, series } = options;
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const legendHeight = series.length > 1 ? 20 : 0;
  const plot = {
    left: MARGIN.left,
    right: width - MARGIN.right,
    top: MARGIN.top + legendHeight,
    bottom: height - MARGIN.bottom,
  };
  const values = series.flatMap((s) => s.values.filter(Number.isFinite));
  const max = Math.max(1, ...values);
  const ticks = niceTicks(0, max);
  // niceTicks stays within the range; the axis must reach above the tallest bar.
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + (ticks[1] - ticks[0]));
  const top = ticks[ticks.length - 1];
  const y = linearScale(0, top, plot.bottom, plot.top);
  const band = (plot.right - plot.left) / Math.max(1, categories.length);
  const barWidth = (band * 0.8) / Math.max(1, series.length);

  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(line(plot.left, y(tick), plot.right, y(tick), { stroke: '#ddd' }));
    parts.push(text(plot.left - 6, y(tick) + 4, formatTick(tick), { 'text-anchor': 'end' }));
  }
  categories.forEach((category, c) => {
    const x0 = plot.left + band * c + band * 0.1;
    series.forEach((s, k) => {
      const value = Number.isFinite(s.values[c]) ? s.values[c] : 0;
      const x = x0 + barWidth * k;
      const fill = PALETTE[k % PALETTE.length];
      const tooltip = `${category}${series.length > 1 ? ` / ${s.name}` : ''}: ${formatTick(value)}`;
      parts.push(rect(x, y(value), barWidth, plot.bottom - y(value), { fill }, tooltip));
      if (series.length === 1)
        parts.push(
          text(x + barWidth / 2, y(value) - 4, formatTick(value), { 'text-anchor': 'middle', 'font-size': 10 }),
        );
    });
    const cx = plot.left + band * (c + 0.5);
    parts.push(
      text(cx, plot.bottom + 16, category, {
        'text-anchor': 'end',
        transform: `rotate(-30 ${cx} ${plot.bottom + 16})`,
      }),
    );
  });
  parts.push(line(plot.left, plot.bottom, plot.right, plot.bottom));
  parts.push(line(plot.left, plot.top, plot.left, plot.bottom));
  if (options.xLabel !== undefined)
    parts.push(text((plot.left + plot.right) / 2, height - 8, options.xLabel, { 'text-anchor': 'middle' }));
  if (options.yLabel !== undefined) {
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(text(16, cy, options.yLabel, { 'text-anchor': 'middle', transform: `rotate(-90 16 ${cy})` }));
  }
  if (series.length > 1) {
    series.forEach((s, k) => {
      const x = plot.left + k * 120;
      parts.push(rect(x, MARGIN.top - 8, 12, 12, { fill: PALETTE[k % PALETTE.length] }));
      parts.push(text(x + 16, MARGIN.top + 2, s.name));
    });
  }
  return svgDocument(width, height, parts.join(''), options.title);
}
