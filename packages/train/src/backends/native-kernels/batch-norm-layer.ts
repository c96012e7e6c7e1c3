import type { layers, Tensor } from '@tensorflow/tfjs';
import { BATCH_NORM_KERNEL } from './batch-norm-kernel.js';
import type { Tf } from './types.js';

type BatchNormLayer = ReturnType<typeof layers.batchNormalization>;
type BatchNormArgs = Parameters<typeof layers.batchNormalization>[0];
type CallKwargs = Parameters<BatchNormLayer['call']>[1];

/** The BatchNormalization internals the fused path reads and updates (fields of tfjs-layers' class). */
interface BatchNormView {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: { read(): Tensor } | null;
  beta: { read(): Tensor } | null;
  movingMean: { read(): Tensor; write(value: Tensor): void };
  movingVariance: { read(): Tensor; write(value: Tensor): void };
}

/** Creates a layer like `tf.layers.batchNormalization(args)` whose training pass runs natively when it can. */
export type NativeBatchNormFactory = (args?: BatchNormArgs) => BatchNormLayer;

/**
 * A subclass of tfjs's BatchNormalization that overrides only `call` in training: when the backend
 * has the fused kernel and the layer normalises its last axis with both gamma and beta, the batch
 * statistics, the normalisation and (in the backward pass) all three gradients come from one native
 * kernel each, and the moving averages are updated with tfjs-layers' own formula. Inference, and
 * every other configuration, runs tfjs's code. Weights, config and class name are the layer's own,
 * so a saved model is an ordinary tfjs model that loads anywhere.
 */
export function nativeBatchNormLayer(tf: Tf): NativeBatchNormFactory {
  const Base = tf.layers.batchNormalization().constructor as new (args?: BatchNormArgs) => BatchNormLayer;

  class NativeBatchNorm extends Base {
    override call(inputs: Tensor | Tensor[], kwargs: CallKwargs): Tensor | Tensor[] {
      const view = this as unknown as BatchNormView;
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const fusable =
        kwargs?.training === true &&
        tf.getKernel(BATCH_NORM_KERNEL, tf.getBackend()) !== undefined &&
        (!Array.isArray(inputs) || inputs.length === 1) &&
        x.dtype === 'float32' &&
        x.rank >= 2 &&
        (view.axis === -1 || view.axis === x.rank - 1) &&
        view.center &&
        view.scale &&
        view.gamma !== null &&
        view.beta !== null;
      if (!fusable) return super.call(inputs, kwargs);
      return tf.tidy(() => {
        const [y, mean, variance] = tf
          .engine()
          .runKernel(
            BATCH_NORM_KERNEL,
            { x, gamma: view.gamma!.read(), beta: view.beta!.read() },
            { epsilon: view.epsilon },
          ) as Tensor[];
        // tfjs-layers' moving average: value <- value - (value - batch) * (1 - momentum).
        for (const [variable, batch] of [
          [view.movingMean, mean],
          [view.movingVariance, variance],
        ] as const) {
          tf.tidy(() => {
            const current = variable.read();
            variable.write(tf.sub(current, tf.mul(tf.sub(current, batch), 1 - view.momentum)));
          });
        }
        return y;
      });
    }
  }

  return (args) => new NativeBatchNorm(args);
}
