import type { SerkitErrorCode } from '@serkit/core';
import type { BackendName } from '../../backends/types.js';

/** What an inference worker needs to load the model the main thread uses (all plain data). */
export interface InferenceSetup {
  readonly modelDir: string;
  /** The backend the main thread selected: the worker runs the same one. */
  readonly backend: BackendName;
  /** The extractor fingerprint the model must carry (checked again on load). */
  readonly fingerprint: string;
}

/** `count` model inputs laid end to end (transferred). */
export type InferenceRequest = { readonly id: number; readonly inputs: Float32Array; readonly count: number };

export type InferenceReply =
  | { readonly id: number; readonly probs: Float32Array }
  | { readonly id: number; readonly error: { readonly code: SerkitErrorCode; readonly reason: string } }
  | { readonly ready: true }
  | { readonly fatal: { readonly code: SerkitErrorCode; readonly reason: string } };
