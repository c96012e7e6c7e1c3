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

type Values = (name: string) => Float32Array;
type Outputs = [full: Float32Array, first: Float32Array, second: Float32Array];

/** A kernel whose outputs are one tensor shaped as x and two per-channel vectors. */
function perChannelKernel(
  kernelName: string,
  backendName: string,
  run: (values: Values, channels: number, epsilon: number) => Outputs,
): KernelConfig {
  return {
    kernelName,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as CpuBackendLike;
      const x = inputs.x as TensorInfo;
      const channels = x.shape[x.shape.length - 1];
      const values = (name: string) => float32Values(backend, inputs[name] as TensorInfo);
      const [full, first, second] = run(values, channels, epsilonOf(attrs));
      return [
        backend.makeTensorInfo(x.shape, 'float32', full),
        backend.makeTensorInfo([channels], 'float32', first),
        backend.makeTensorInfo([channels], 'float32', second),
      ];
    },
  };
}

export const batchNormKernelConfig = (addon: BatchNormAddon, backendName: string): KernelConfig =>
  perChannelKernel(BATCH_NORM_KERNEL, backendName, (values, channels, epsilon) =>
    addon.batchNorm(values('x'), values('gamma'), values('beta'), channels, epsilon),
  );

export const batchNormGradKernelConfig = (addon: BatchNormAddon, backendName: string): KernelConfig =>
  perChannelKernel(BATCH_NORM_GRAD_KERNEL, backendName, (values, channels, epsilon) =>
    addon.batchNormGrad(
      values('dy'),
      values('x'),
      values('gamma'),
      values('mean'),
      values('variance'),
      channels,
      epsilon,
    ),
  );

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
