/**
 * The two seams of the classify pipeline: where model inputs come from (decode + features) and
 * what turns them into probabilities (the network). The real ones live in engine.ts; tests pass
 * small fakes, so the scheduling, batching and error handling are tested without a model.
 */

/** A file's model input: one window of `inputSize` floats (already normalised), and what it covers. */
export interface ClipInput {
  readonly input: Float32Array;
  /** Seconds of audio the input was computed from. */
  readonly duration: number;
  /** What a reader of the label should know about the audio (e.g. clipping); empty or absent when nothing. */
  readonly warnings?: readonly string[];
}

/** One window of a long file, in stream order. */
export interface SpeechWindow extends ClipInput {
  /** Seconds from the start of the file. */
  readonly start: number;
}

/** A window with nothing to label (its peak is below the silence level): kept out of the verdict. */
export interface SilentWindow {
  readonly start: number;
  readonly duration: number;
  readonly silent: true;
}

export type WindowInput = SpeechWindow | SilentWindow;

/**
 * Answer of `clip` for a file too long to hold in memory whole: the pipeline classifies it window by
 * window through `windows` instead (and reports the mean), so one 2-hour file cannot blow up memory.
 */
export interface LongFile {
  readonly long: true;
}

export interface FeatureSource {
  /**
   * Decode `file` and compute its model input, or say it is a LongFile; rejects (with a SerkitError
   * naming the file) when it cannot.
   */
  clip(file: string): Promise<ClipInput | LongFile>;
  /**
   * Decode `file` as a stream of `segment`-second windows every `hop` seconds (bounded memory for
   * any length), each turned into a model input.
   */
  windows(file: string, segment: number, hop: number): AsyncIterable<WindowInput>;
  /** Stops workers and child processes. */
  close(): Promise<void>;
}

/** A model's second head: what it predicts (e.g. 'intensity') and its classes in output order. */
export interface SecondHead {
  readonly name: string;
  readonly labels: readonly string[];
}

export interface Predictor {
  /** Class labels in output order. */
  readonly labels: readonly string[];
  /** The second head, when the model has one: its probabilities follow the labels' in each row. */
  readonly second?: SecondHead;
  /** Floats in one model input. */
  readonly inputSize: number;
  /** Batches that may be on the network at once to use every thread it runs on. Default 1. */
  readonly parallelism?: number;
  /**
   * Probabilities of `count` inputs laid end to end in `inputs`: `count x (labels.length +
   * second.labels.length)`, row-major.
   * The caller may reuse `inputs` once the promise settles (or, with `parallelism` above 1, once
   * `predict` returns), so a predictor must not keep it.
   */
  predict(inputs: Float32Array, count: number): Promise<Float32Array>;
}
