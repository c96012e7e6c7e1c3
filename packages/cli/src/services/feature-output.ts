import type { ExtractedFeatures } from './features.js';

/** Float32 values printed with the 7 significant digits they hold (not 17 of float64 noise). */
function round(value: number): number {
  return Number(value.toPrecision(7));
}

/** `--out x.json`: the extractor (id, fingerprint, config) and per item its labels and `frames x dims` data. */
export function featuresToJson(extracted: ExtractedFeatures): string {
  return `${JSON.stringify(
    {
      extractor: extracted.extractor,
      items: extracted.results.map(({ item, features }) => ({
        path: item.path,
        label: item.label,
        speaker: item.speaker,
        extra: item.extra,
        frames: features.frames,
        dims: features.dims,
        data: Array.from(features.data, round),
      })),
    },
    null,
    1,
  )}\n`;
}

/** `--out x.csv`: one row per frame — path, label, speaker, frame, f0…f{dims-1}. */
export function featuresToCsv(extracted: ExtractedFeatures): string {
  const dims = extracted.extractor.dims;
  const lines = [['path', 'label', 'speaker', 'frame', ...Array.from({ length: dims }, (_, d) => `f${d}`)].join(',')];
  for (const { item, features } of extracted.results) {
    for (let t = 0; t < features.frames; t++) {
      const row = Array.from(features.data.subarray(t * features.dims, (t + 1) * features.dims), (v) =>
        String(round(v)),
      );
      lines.push([csvField(item.path), csvField(item.label), csvField(item.speaker), String(t), ...row].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
