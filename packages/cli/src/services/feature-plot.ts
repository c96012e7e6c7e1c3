import { basename, resolve } from 'node:path';
import { heatmap, SerkitError } from '@serkit/core';
import type { ExtractedFeatures } from './features.js';

/**
 * `--plot`: a heat map like the paper's Figs 4-6. A sequence extractor shows one file's features
 * over time (coefficients as rows, seconds on x when the config has `hopLength`); a vector
 * extractor shows each file as one column, files grouped by label. `plotFile` picks the file by path or base name.
 */
export function featureHeatmap(extracted: ExtractedFeatures, plotFile?: string): string {
  const { extractor, results } = extracted;
  if (results.length === 0)
    throw new SerkitError('INVALID_ARGUMENT', 'no features were computed, nothing to plot', { input: '--plot' });
  if (extractor.output === 'vector') {
    const rows = extractor.dims;
    const cols = results.length;
    const data = new Float32Array(rows * cols);
    // Files of a label side by side (stable sort keeps the dataset's order within a label).
    const byLabel = [...results].sort((a, b) => a.item.label.localeCompare(b.item.label));
    byLabel.forEach(({ features }, c) => {
      for (let r = 0; r < rows; r++) data[r * cols + c] = features.data[r];
    });
    return heatmap({
      data,
      rows,
      cols,
      title: `${extractor.id} of ${cols} file${cols === 1 ? '' : 's'}`,
      xLabel: results.some((r) => r.item.label !== '') ? 'file (grouped by label)' : 'file',
      yLabel: 'coefficient',
    });
  }
  const chosen =
    plotFile === undefined
      ? results[0]
      : results.find((r) => r.item.path === resolve(plotFile) || basename(r.item.path) === plotFile);
  if (chosen === undefined) {
    throw new SerkitError('NOT_FOUND', 'not among the files whose features were computed', {
      input: `--plot-file ${plotFile}`,
    });
  }
  const { frames, dims, data } = chosen.features;
  // Transpose frames x dims (time major) to librosa's dims x frames, time along x.
  const transposed = new Float32Array(frames * dims);
  for (let t = 0; t < frames; t++) for (let d = 0; d < dims; d++) transposed[d * frames + t] = data[t * dims + d];
  const hop = extractor.config.hopLength;
  const seconds = typeof hop === 'number' && extractor.sampleRate > 0;
  const label = chosen.item.label === '' ? '' : ` (${chosen.item.label})`;
  return heatmap({
    data: transposed,
    rows: dims,
    cols: frames,
    title: `${extractor.id}: ${basename(chosen.item.path)}${label}`,
    xLabel: seconds ? 'time (s)' : 'frame',
    yLabel: 'coefficient',
    ...(seconds ? { xStep: (hop as number) / extractor.sampleRate } : {}),
  });
}
