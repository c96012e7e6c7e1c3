import { element, formatTick, line, linearScale, niceTicks, num, PALETTE, svgDocument, text } from './svg.js';

export interface LineSeries {
  readonly name: string;
  /** y values; x is `xs[i]` when given, else i + 1 (e.g. the epoch). */
  readonly ys: readonly number[];
  readonly xs?: readonly number[];
  /** Dashed line, e.g. for validation curves. Default false. */
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title?: string;
  readonly series: readonly LineSeries[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Fixed y range, e.g. [0, 1] for accuracy. Default: the data's range. */
  readonly yDomain?: readonly [number, number];
  /** A vertical marker, e.g. the restored best epoch. */
  readonly marker?: { readonly x: number; readonly label: string };
  /** Default 640. */
  readonly width?: number;
  /** Default 360. */
  readonly height?: number;
}

const MARGIN = { top: 40, right: 150, bottom: 50, left: 60 };

/** A line chart as an SVG document: the paper's training curves (accuracy and loss per epoch). */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const points = options.series.map((s) =>
    s.ys.map((y, i) => [s.xs?.[i] ?? i + 1, y] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  );
  const all = points.flat();
  const xMin = Math.min(1, ...all.map(([x]) => x));
  const xMax = Math.max(xMin + 1, ...all.map(([x]) => x));
  const [yMin, yMax] = options.yDomain ?? [
    Math.min(0, ...all.map(([, y]) => y)),
    Math.max(1e-9, ...all.map(([, y]) => y)),
  ];
  const x = linearScale(xMin, xMax, plot.left, plot.right);
  const y = linearScale(yMin, yMax, plot.bottom, plot.top);
  const parts: string[] = [];
  for (const tick of niceTicks(yMin, yMax, 5)) {
    parts.push(line(plot.left, y(tick), plot.right, y(tick), { stroke: '#e5e5e5' }));
    parts.push(text(plot.left - 6, y(tick) + 4, formatTick(tick), { 'text-anchor': 'end' }));
  }
  for (const tick of niceTicks(xMin, xMax, 8)) {
    parts.push(text(x(tick), plot.bottom + 16, formatTick(tick), { 'text-anchor': 'middle' }));
  }
  parts.push(line(plot.left, plot.bottom, plot.right, plot.bottom), line(plot.left, plot.top, plot.left, plot.bottom));
  if (options.marker !== undefined) {
    const mx = x(options.marker.x);
    parts.push(line(mx, plot.top, mx, plot.bottom, { stroke: '#999', 'stroke-dasharray': '2 3' }));
    // Label on the side with room: left of the line when it is in the right half.
    const right = mx > (plot.left + plot.right) / 2;
    parts.push(
      text(mx + (right ? -4 : 4), plot.top + 12, options.marker.label, {
        fill: '#666',
        'text-anchor': right ? 'end' : 'start',
      }),
    );
  }
  options.series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const path = points[k].map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${num(x(px))},${num(y(py))}`).join('');
    if (path !== '') {
      parts.push(
        element(
          'path',
          {
            d: path,
            fill: 'none',
            stroke: colour,
            'stroke-width': 2,
            'stroke-dasharray': s.dashed ? '6 4' : undefined,
            class: 'series',
          },
          element('title', {}, s.name.replace(/[&<>"']/g, '')),
        ),
      );
    }
    const ly = plot.top + 10 + k * 18;
    parts.push(
      line(plot.right + 12, ly, plot.right + 36, ly, {
        stroke: colour,
        'stroke-width': 2,
        'stroke-dasharray': s.dashed ? '6 4' : undefined,
      }),
    );
    parts.push(text(plot.right + 42, ly + 4, s.name));
  });
  if (options.xLabel !== undefined)
    parts.push(text((plot.left + plot.right) / 2, height - 10, options.xLabel, { 'text-anchor': 'middle' }));
  if (options.yLabel !== undefined) {
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(text(16, cy, options.yLabel, { 'text-anchor': 'middle', transform: `rotate(-90 16 ${cy})` }));
  }
  return svgDocument(width, height, parts.join(''), options.title);
}
