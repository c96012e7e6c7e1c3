/** Training settings; the defaults are the paper's (model plugins may state their own). */
export interface TrainSettings {
  /** Maximum epochs. The paper: 200 (lstm-seed). */
  readonly epochs: number;
  /** The paper: 32. */
  readonly batchSize: number;
  /** Adam learning rate. The paper: 1e-3. */
  readonly learningRate: number;
  /** Early stopping: epochs without a lower validation loss before stopping. The paper: 10. */
  readonly patience: number;
  /** Seed of initialisers, shuffling, splits and noise. */
  readonly seed: number;
  /**
   * At the end, keep the weights of the epoch with the lowest validation loss (default true) or,
   * when false, the last epoch's (what a fixed-length schedule such as one-cycle aims at).
   */
  readonly restoreBest?: boolean;
}

/** Examples packed for tfjs: `x` is row-major `[n, ...inputShape]`, `y` class indices. */
export interface PackedData {
  readonly x: Float32Array;
  readonly y: Int32Array;
  /** Labels of a second head (e.g. intensity), when the model has one. */
  readonly second?: Int32Array;
  readonly inputShape: readonly number[];
}

/** One epoch of the training curves. */
export interface EpochRecord {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
  readonly seconds: number;
}

/** Progress of a run, for the progress bar on a TTY or JSON lines with --json. */
export type TrainEvent =
  | { readonly type: 'resume'; readonly epoch: number; readonly batch: number }
  | {
      readonly type: 'batch';
      readonly epoch: number;
      readonly batch: number;
      readonly batches: number;
      readonly loss: number;
      readonly accuracy: number;
      /** Seconds left for the remaining epochs at the current pace (an upper bound: early stopping may end sooner). */
      readonly etaSeconds: number;
    }
  | ({ readonly type: 'epoch'; readonly improved: boolean; readonly epochs: number } & EpochRecord)
  | { readonly type: 'early-stop'; readonly epoch: number; readonly bestEpoch: number }
  | { readonly type: 'interrupted'; readonly epoch: number; readonly batch: number; readonly checkpoint: string };

export interface TrainOutcome {
  readonly history: readonly EpochRecord[];
  /** 1-based epoch whose weights the model now holds (the best one, or the last without restoreBest). */
  readonly bestEpoch: number;
  readonly epochsRun: number;
  readonly stoppedEarly: boolean;
  /** True when a stop was requested (Ctrl-C): a checkpoint was saved, the run is not finished. */
  readonly interrupted: boolean;
}
