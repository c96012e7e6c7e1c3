import type { DecoderChoice } from '@serkit/audio';
import type { FeatureConfig, SerkitErrorCode } from '@serkit/core';
import type { Normalisation } from '../../features/normalisation.js';

/** What a feature worker needs to rebuild the pipeline on its own thread (all plain data). */
export interface WorkerSetup {
  /** File URL of the `serkit:register` hook module of the package providing the extractor. */
  readonly registerHook: string;
  readonly extractorId: string;
  readonly extractorConfig: FeatureConfig;
  /** The fingerprint the model expects; a worker whose extractor differs refuses to start. */
  readonly fingerprint: string;
  readonly normalisation: Normalisation;
  readonly inputShape: readonly number[];
  readonly decoder: DecoderChoice;
  readonly longFileSeconds: number;
}

export type WorkerRequest = { readonly id: number; readonly file: string };

export type WorkerReply =
  | {
      readonly id: number;
      readonly input: Float32Array;
      readonly duration: number;
      readonly warnings: readonly string[];
    }
  | { readonly id: number; readonly long: true }
  | { readonly id: number; readonly error: { readonly code: SerkitErrorCode; readonly reason: string } }
  | { readonly ready: true }
  | { readonly fatal: { readonly code: SerkitErrorCode; readonly reason: string } };
