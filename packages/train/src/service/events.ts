import type { DatasetProblem } from '@serkit/core';
import type { SelectedBackend } from '../backends/types.js';
import type { TrainEvent } from '../training/types.js';

/** Progress of `trainRun`/`evaluateRun`, for a progress bar on a TTY or JSON lines with --json. */
export type RunEvent =
  | { readonly type: 'backend'; readonly backend: SelectedBackend }
  | {
      readonly type: 'scan';
      readonly items: number;
      readonly labels: readonly string[];
      readonly problems: readonly DatasetProblem[];
    }
  | { readonly type: 'features'; readonly done: number; readonly total: number }
  | { readonly type: 'features-done'; readonly examples: number; readonly cacheHits: number; readonly problems: number }
  | {
      readonly type: 'partition';
      readonly name: string;
      readonly index: number;
      readonly count: number;
      readonly train: number;
      readonly validation: number;
      readonly test: number;
    }
  | (TrainEvent & { readonly partition: string })
  | {
      readonly type: 'tested';
      readonly partition: string;
      readonly accuracy: number;
      readonly uar: number;
      /** The second head's test accuracy, when the model has one. */
      readonly second?: { readonly name: string; readonly accuracy: number };
    };
