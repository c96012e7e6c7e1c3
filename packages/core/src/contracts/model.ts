import type * as tfjs from '@tensorflow/tfjs';
import type { CONTRACT_VERSION } from './version.js';

/** TensorFlow.js namespace, injected by the host so plugins share the engine's tfjs instance. */
export type Tfjs = typeof tfjs;
export type LayersModel = tfjs.LayersModel;

/** Plain-JSON hyper-parameters of a model. */
export type HyperParameters = Readonly<Record<string, string | number | boolean>>;

export interface TrainingDefaults {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Early-stopping patience in epochs. */
  readonly patience: number;
}

export interface ModelBuildContext<H extends HyperParameters = HyperParameters> {
  readonly tf: Tfjs;
  /** Shape of one example without the batch dim: `[dims]` for vectors, `[frames, dims]` for sequences. */
  readonly inputShape: readonly number[];
  /** Class labels; the output layer has one unit per label. */
  readonly classes: readonly string[];
  /** Hyper-parameters merged over the plugin's defaults. */
  readonly hyper: H;
  /** Seed for weight initialisers. */
  readonly seed: number;
}

/**
 * A model plugin builds an (uncompiled) tf.LayersModel; the training engine compiles and fits it.
 *
 * @example
 * const mlp: ModelPlugin<{ units: number }> = {
 *   kind: 'model', contractVersion: 1, id: 'mlp', version: '1.0.0', description: 'one hidden layer',
 *   defaults: { units: 64 }, training: { epochs: 50, batchSize: 32, learningRate: 1e-3, patience: 10 },
 *   accepts: ['vector'],
 *   build({ tf, inputShape, classes, hyper }) { … },
 * };
 */
export interface ModelPlugin<H extends HyperParameters = HyperParameters> {
  readonly kind: 'model';
  readonly contractVersion: typeof CONTRACT_VERSION;
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly defaults: H;
  readonly training: TrainingDefaults;
  /** Which extractor outputs the model can consume. */
  readonly accepts: readonly ('vector' | 'sequence')[];
  build(context: ModelBuildContext<H>): LayersModel;
  /**
   * Optional: throws (a SerkitError naming the parameter) when `hyper`, merged over the defaults,
   * cannot build a model. Hosts call it before hours of feature extraction, not after.
   */
  validateHyper?(hyper: H): void;
}
