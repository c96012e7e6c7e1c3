import { extname } from 'node:path';
import { SerkitError } from '@serkit/core';
import { writeOutput } from './write-output.js';

export type ChartFormat = 'svg' | 'png';

/** The format a chart path asks for by its extension; anything but .svg/.png is a usage error naming `flag`. */
export function chartFormat(path: string, flag: string): ChartFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.svg' || extension === '.png') return extension.slice(1) as ChartFormat;
  throw new SerkitError('INVALID_ARGUMENT', 'must end in .svg or .png', { input: `${flag} ${path}` });
}

/** PNGs are rendered at twice the SVG's size, for sharp text on high-density screens and in print. */
const PNG_ZOOM = 2;

/**
 * Writes a chart as SVG, or as PNG rendered with resvg (system fonts; DejaVu Sans when the SVG's
 * sans-serif is not found). Atomic, like every file serkit writes.
 */
export async function writeChart(path: string, svg: string, flag: string): Promise<void> {
  if (chartFormat(path, flag) === 'svg') return writeOutput(path, svg, flag);
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  await writeOutput(path, png, flag);
}
