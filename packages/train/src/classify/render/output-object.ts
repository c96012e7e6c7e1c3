import type { ClassifyResult, Prediction, SegmentPrediction } from '../types.js';
import { isFailed } from '../types.js';

/** What `--json`/`--jsonl` print for one file: `{file, emotion, confidence, …}` or `{file, error, code}`. */
export type OutputObject = Readonly<Record<string, unknown>>;

export interface OutputOptions {
  /** Include every class probability (`--probs`). Default false. */
  readonly probs?: boolean;
}

/** The plain object printed for `result`; `index` is internal and left out. */
export function outputObject(result: ClassifyResult, options: OutputOptions = {}): OutputObject {
  if (isFailed(result)) return { file: result.file, error: result.error, code: result.code };
  return {
    file: result.file,
    ...prediction(result, options),
    duration: round(result.duration, 3),
    ...(result.warnings === undefined ? {} : { warnings: result.warnings }),
    ...(result.segments === undefined ? {} : { segments: result.segments.map((s) => segment(s, options)) }),
  };
}

function prediction(p: Prediction, options: OutputOptions): OutputObject {
  return {
    emotion: p.emotion,
    confidence: round(p.confidence, 4),
    runnerUp: p.runnerUp,
    runnerUpConfidence: round(p.runnerUpConfidence, 4),
    // e.g. intensity: 'strong', intensityConfidence: 0.8
    ...(p.second
      ? { [p.second.name]: p.second.label, [`${p.second.name}Confidence`]: round(p.second.confidence, 4) }
      : {}),
    ...(options.probs ? { probs: Object.fromEntries(Object.entries(p.probs).map(([k, v]) => [k, round(v, 4)])) } : {}),
  };
}

function segment(s: SegmentPrediction, options: OutputOptions): OutputObject {
  return { start: round(s.start, 3), end: round(s.end, 3), ...prediction(s, options) };
}

/** Rounds for output: 4 decimals of a probability say all a reader can use. */
export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
