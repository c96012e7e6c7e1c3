import { COOLWARM, colorMap, formatTick, linearScale, MAGMA, niceTicks, rect, svgDocument, text } from './svg.js';

export interface HeatmapOptions {
  readonly title?: string;
  /** Row-major values, `rows x cols` (librosa's layout: features as rows, frames as columns). */
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
  /** Label of the x axis (columns), e.g. 'Time (s)'. */
  readonly xLabel?: string;
  /** Label of the y axis (rows), e.g. 'MFCC'. */
  readonly yLabel?: string;
  /** Value of the x axis at column c is `c * xStep`. Default 1 (column index); e.g. hop / sampleRate for seconds. */
  readonly xStep?: number;
  /**
   * Colour map. Default: 'coolwarm' when the data has both signs (as MFCCs do), else 'magma' —
   * librosa's specshow choice.
   */
  readonly colormap?: 'coolwarm' | 'magma';
  /** Default 720. */
  readonly width?: number;
  /** Default 360. */
  readonly height?: number;
  /** At most this many columns are drawn (long clips are averaged down). Default 400. */
  readonly maxColumns?: number;
}

const MARGIN = { top: 40, right: 90, bottom: 50, left: 60 };

/** A heat map as an SVG document, e.g. an MFCC matrix as in the paper's Figs 4-6. Row 0 is drawn at the bottom. */
export function heatmap(options: HeatmapOptions): string {
  const { rows, cols } = options;
  const width = options.width ?? 720;
  const height = options.height ?? 360;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom };
  const columns = downsampleColumns(options.data, rows, cols, options.maxColumns ?? 400);
  const drawnCols = columns.length === 0 ? 0 : columns.length / rows;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of columns) {
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (min > max) [min, max] = [0, 0];
  const map = options.colormap ?? (min < 0 && max > 0 ? 'coolwarm' : 'magma');
  // A diverging map is centred on zero, as matplotlib does for coolwarm in specshow.
  const [lo, hi] = map === 'coolwarm' ? [-Math.max(-min, max), Math.max(-min, max)] : [min, max];
  const stops = map === 'coolwarm' ? COOLWARM : MAGMA;
  const t = linearScale(lo, hi, 0, 1);

  const cellWidth = (plot.right - plot.left) / Math.max(1, drawnCols);
  const cellHeight = (plot.bottom - plot.top) / Math.max(1, rows);
  const parts: string[] = [];
  for (let r = 0; r < rows; r++) {
    const y = plot.bottom - (r + 1) * cellHeight;
    for (let c = 0; c < drawnCols; c++) {
      // Cells overlap by a hair so that anti-aliasing does not draw white seams between them.
      parts.push(
        rect(plot.left + c * cellWidth, y, cellWidth + 0.5, cellHeight + 0.5, {
          fill: colorMap(stops, t(columns[r * drawnCols + c])),
        }),
      );
    }
  }
  parts.push(...axisLabels(options, plot, height));
  parts.push(...colorBar(stops, lo, hi, plot, width));
  return svgDocument(width, height, parts.join(''), options.title);
}

/** Average groups of adjacent columns so that at most `maxColumns` remain. */
function downsampleColumns(data: ArrayLike<number>, rows: number, cols: number, maxColumns: number): Float64Array {
  const group = Math.max(1, Math.ceil(cols / Math.max(1, maxColumns)));
  const outCols = Math.ceil(cols / group);
  const out = new Float64Array(rows * outCols);
  for (let r = 0; r < rows; r++) {
    for (let oc = 0; oc < outCols; oc++) {
      let sum = 0;
      let n = 0;
      for (let c = oc * group; c < Math.min(cols, (oc + 1) * group); c++) {
        const v = data[r * cols + c];
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      out[r * outCols + oc] = n === 0 ? Number.NaN : sum / n;
    }
  }
  return out;
}

type Plot = { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };

function axisLabels(options: HeatmapOptions, plot: Plot, height: number): string[] {
  const { rows, cols } = options;
  const parts: string[] = [];
  const xStep = options.xStep ?? 1;
  const x = linearScale(0, cols * xStep, plot.left, plot.right);
  for (const tick of niceTicks(0, cols * xStep, 6)) {
    parts.push(text(x(tick), plot.bottom + 16, formatTick(tick), { 'text-anchor': 'middle' }));
  }
  const cellHeight = (plot.bottom - plot.top) / Math.max(1, rows);
  for (const tick of niceTicks(0, rows - 1, Math.min(rows, 6))) {
    parts.push(
      text(plot.left - 6, plot.bottom - (tick + 0.5) * cellHeight + 4, formatTick(tick), { 'text-anchor': 'end' }),
    );
  }
  if (options.xLabel !== undefined)
    parts.push(text((plot.left + plot.right) / 2, height - 10, options.xLabel, { 'text-anchor': 'middle' }));
  if (options.yLabel !== undefined) {
    const cy = (plot.top + plot.bottom) / 2;
    parts.push(text(16, cy, options.yLabel, { 'text-anchor': 'middle', transform: `rotate(-90 16 ${cy})` }));
  }
  return parts;
}

function colorBar(stops: Parameters<typeof colorMap>[0], lo: number, hi: number, plot: Plot, width: number): string[] {
  const parts: string[] = [];
  const x = width - MARGIN.right + 20;
  const steps = 32;
  const h = (plot.bottom - plot.top) / steps;
  for (let i = 0; i < steps; i++) {
    parts.push(rect(x, plot.bottom - (i + 1) * h, 14, h + 0.5, { fill: colorMap(stops, (i + 0.5) / steps) }));
  }
  const y = linearScale(lo, hi, plot.bottom, plot.top);
  for (const tick of niceTicks(lo, hi, 5)) {
    parts.push(text(x + 18, y(tick) + 4, formatTick(tick)));
  }
  return parts;
}
