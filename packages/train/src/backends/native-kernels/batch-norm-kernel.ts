import type { GradConfig, KernelConfig, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';

/** An addon with the batch-norm kernels (kernels version >= 9). */
export type BatchNormAddon = Required<Pick<NativeKernelAddon, 'batchNorm' | 'batchNormGrad'>>;

/** Whether `addon` has them. */
export const hasBatchNorm = (addon: NativeKernelAddon): addon is NativeKernelAddon & BatchNormAddon =>
  typeof addon.batchNorm === 'function' && typeof addon.batchNormGrad === 'function';

import { type CpuBackendLike, float32Values, type Tf } from './types.js';

/**
 * Kernel name of batch normalisation in training mode, channels last: inputs x [..., C], gamma [C],
 * beta [C]; attr epsilon. Outputs [y (as x), mean [C], variance [C]] (the batch statistics the layer
 * folds into its moving averages; gradients flowing into them are ignored).
 */
export const BATCH_NORM_KERNEL = 'SerkitBatchNorm';
/** Its backward pass: dy, x, gamma, mean, variance -> [dx, dgamma, dbeta]. */
export const BATCH_NORM_GRAD_KERNEL = 'SerkitBatchNormGrad';

const epsilonOf = (attrs: { epsilon?: unknown } | undefined): number =>
  typeof attrs?.epsilon === 'number' ? attrs.epsilon : 1e-3;

export function batchNormKernelConfig(addon: BatchNormAddon, backendName: string): KernelConfig {
  return {
    kernelName: BATCH_NORM_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as CpuBackendLike;
      const x = inputs.x as TensorInfo;
      const channels = x.shape[x.shape.length - 1];
      const values = (name: string) => float32Values(backend, inputs[name] as TensorInfo);
      const [y, mean, variance] = addon.batchNorm(
        values('x'),
        values('gamma'),
        values('beta'),
        channels,
        epsilonOf(attrs),
      );
      return [
        backend.makeTensorInfo(x.shape, 'float32', y),
        backend.makeTensorInfo([channels], 'float32', mean),
        backend.makeTensorInfo([channels], 'float32', variance),
      ];
    },
  };
}

export function batchNormGradKernelConfig(addon: BatchNormAddon, backendName: string): KernelConfig {
  return {
    kernelName: BATCH_NORM_GRAD_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as CpuBackendLike;
      const x = inputs.x as TensorInfo;
      const channels = x.shape[x.shape.length - 1];
      const values = (name: string) => float32Values(backend, inputs[name] as TensorInfo);
      const [dx, dgamma, dbeta] = addon.batchNormGrad(
        values('dy'),
        values('x'),
        values('gamma'),
        values('mean'),
        values('variance'),
        channels,
        epsilonOf(attrs),
      );
      return [
        backend.makeTensorInfo(x.shape, 'float32', dx),
        backend.makeTensorInfo([channels], 'float32', dgamma),
        backend.makeTensorInfo([channels], 'float32', dbeta),
      ];
    },
  };
}

/** Gradient of the fused batch norm: the backward kernel runs once (as the LSTM's, see lstm-kernel.ts). */
export function batchNormGradConfig(tf: Tf): GradConfig {
  return {
    kernelName: BATCH_NORM_KERNEL,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    gradFunc: (dys, saved, attrs) => {
      const dy = (Array.isArray(dys) ? dys[0] : dys) as Tensor;
      const [x, gamma, mean, variance] = saved;
      const [dx, dgamma, dbeta] = tf
        .engine()
        .runKernel(BATCH_NORM_GRAD_KERNEL, { dy, x, gamma, mean, variance }, attrs) as Tensor[];
      return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
    },
  };
}
