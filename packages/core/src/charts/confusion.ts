import { colorMap, type Rgb, rect, svgDocument, text } from './svg.js';

export interface ConfusionChartOptions {
  readonly title?: string;
  readonly labels: readonly string[];
  /** `counts[true][predicted]`. */
  readonly counts: readonly (readonly number[])[];
  /** Row-normalised counts (colour and the percentage shown). */
  readonly normalised: readonly (readonly number[])[];
  /** Default 80 + 60 per class. */
  readonly size?: number;
}

/** White to matplotlib's 'Blues' dark end: sklearn's ConfusionMatrixDisplay default. */
const BLUES: readonly Rgb[] = [
  [247, 251, 255],
  [107, 174, 214],
  [8, 48, 107],
];

/**
 * A confusion matrix as an SVG document: rows are true classes, columns predictions; each cell
 * shows the count and the row percentage, coloured by the row share.
 */
export function confusionChart(options: ConfusionChartOptions): string {
  const n = options.labels.length;
  const labelSpace = 90;
  const cell = Math.max(28, Math.min(70, ((options.size ?? 80 + 60 * n) - labelSpace) / Math.max(1, n)));
  const left = labelSpace + 20;
  const top = 50;
  const width = left + n * cell + 20;
  const height = top + n * cell + labelSpace;
  const parts: string[] = [];
  for (let t = 0; t < n; t++) {
    for (let p = 0; p < n; p++) {
      const share = options.normalised[t]?.[p] ?? 0;
      const count = options.counts[t]?.[p] ?? 0;
      const x = left + p * cell;
      const y = top + t * cell;
      parts.push(
        rect(
          x,
          y,
          cell,
          cell,
          { fill: colorMap(BLUES, share), stroke: '#fff', class: 'cell' },
          `true ${options.labels[t]}, predicted ${options.labels[p]}: ${count} (${(share * 100).toFixed(1)}%)`,
        ),
      );
      const ink = share > 0.5 ? '#fff' : '#222';
      parts.push(
        text(x + cell / 2, y + cell / 2 - 2, String(count), {
          'text-anchor': 'middle',
          fill: ink,
          'font-weight': 'bold',
        }),
      );
      parts.push(
        text(x + cell / 2, y + cell / 2 + 12, `${Math.round(share * 100)}%`, {
          'text-anchor': 'middle',
          fill: ink,
          'font-size': 10,
        }),
      );
    }
    parts.push(text(left - 6, top + t * cell + cell / 2 + 4, options.labels[t], { 'text-anchor': 'end' }));
    const cx = left + t * cell + cell / 2;
    const cy = top + n * cell + 8;
    parts.push(text(cx, cy, options.labels[t], { 'text-anchor': 'end', transform: `rotate(-45 ${cx} ${cy})` }));
  }
  parts.push(text(left + (n * cell) / 2, height - 6, 'Predicted', { 'text-anchor': 'middle' }));
  const cy = top + (n * cell) / 2;
  parts.push(text(14, cy, 'True', { 'text-anchor': 'middle', transform: `rotate(-90 14 ${cy})` }));
  return svgDocument(width, height, parts.join(''), options.title);
}
