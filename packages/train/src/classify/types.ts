import type { SerkitErrorCode } from '@serkit/core';

/** The label a window or a file got, with the runner-up and (always computed) every class probability. */
export interface Prediction {
  /** The most probable class. */
  readonly emotion: string;
  /** Its probability, in [0, 1]. */
  readonly confidence: number;
  /** The second most probable class. */
  readonly runnerUp: string;
  readonly runnerUpConfidence: number;
  /** Probability of every class, in the model's label order. */
  readonly probs: Readonly<Record<string, number>>;
  /** The model's second head (e.g. intensity), when it has one. */
  readonly second?: SecondPrediction;
}

/** What a model's second head (e.g. intensity) says of a window or file. */
export interface SecondPrediction {
  /** What the head predicts, e.g. 'intensity'. */
  readonly name: string;
  /** Its most probable class, e.g. 'strong'. */
  readonly label: string;
  readonly confidence: number;
  readonly probs: Readonly<Record<string, number>>;
}

/** One window of a `--segment` timeline. */
export interface SegmentPrediction extends Prediction {
  /** Start and end of the window in seconds from the start of the file. */
  readonly start: number;
  readonly end: number;
}

export interface ClassifiedFile extends Prediction {
  /** Position of the file in the expanded input stream (results may finish out of order). */
  readonly index: number;
  readonly file: string;
  /** Seconds of audio that were classified. */
  readonly duration: number;
  /** What a reader of the label should know about the audio (e.g. clipping); absent when nothing. */
  readonly warnings?: readonly string[];
  /** With `--segment`: the per-window timeline; the file's own prediction is their mean. */
  readonly segments?: readonly SegmentPrediction[];
}

export interface FailedFile {
  readonly index: number;
  readonly file: string;
  /** Why the file could not be classified, in plain words. */
  readonly error: string;
  readonly code: SerkitErrorCode;
}

export type ClassifyResult = ClassifiedFile | FailedFile;

export function isFailed(result: ClassifyResult): result is FailedFile {
  return 'error' in result;
}

/** Counts for the summary line and the exit status. */
export interface ClassifySummary {
  readonly ok: number;
  readonly failed: number;
  readonly seconds: number;
}
