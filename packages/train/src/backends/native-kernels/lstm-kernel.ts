import type { GradConfig, KernelConfig, NamedTensorInfoMap, Tensor, TensorInfo } from '@tensorflow/tfjs';
import type { LstmLayerArgs, NativeKernelAddon } from './addon.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';

/** Kernel name of the fused LSTM layer: inputs x [B, T, D], kernel, recurrentKernel, bias (optional). */
export const LSTM_KERNEL = 'SerkitLstm';
/** Its backward pass, one native call for the whole sequence. */
export const LSTM_GRAD_KERNEL = 'SerkitLstmGrad';

export type RecurrentActivationName = 'sigmoid' | 'hardSigmoid';

function recurrentActivationOf(attrs: { recurrentActivation?: unknown } | undefined): RecurrentActivationName {
  return attrs?.recurrentActivation === 'hardSigmoid' ? 'hardSigmoid' : 'sigmoid';
}

/**
 * What both LSTM kernels read off their inputs: the sizes (x [batch, steps, inputDim],
 * recurrentKernel [units, 4 units]), a value getter, and the addon's leading arguments.
 */
function lstmInputs(inputs: NamedTensorInfoMap, backend: CpuBackendLike) {
  const [batch, steps, inputDim] = (inputs.x as TensorInfo).shape;
  const units = (inputs.recurrentKernel as TensorInfo).shape[0];
  const values = (name: string) => float32Values(backend, inputs[name] as TensorInfo);
  const layer: LstmLayerArgs = [
    values('x'),
    batch,
    steps,
    inputDim,
    units,
    values('kernel'),
    values('recurrentKernel'),
  ];
  return { batch, steps, inputDim, units, values, layer };
}

/**
 * Forward kernel. Outputs [h (B, T, H), gates (B, T, 4H), cells (B, T, H)]; gates and cells are
 * what the backward pass needs (not meant to be used by callers; gradients flowing into them are ignored).
 */
export function lstmKernelConfig(addon: NativeKernelAddon, backendName: string): KernelConfig {
  return {
    kernelName: LSTM_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as CpuBackendLike;
      const { batch, steps, units, values, layer } = lstmInputs(inputs, backend);
      const [h, gates, cells] = addon.lstmForward(
        ...layer,
        inputs.bias == null ? null : values('bias'),
        recurrentActivationOf(attrs),
      );
      return [
        backend.makeTensorInfo([batch, steps, units], 'float32', h),
        backend.makeTensorInfo([batch, steps, 4 * units], 'float32', gates),
        backend.makeTensorInfo([batch, steps, units], 'float32', cells),
      ];
    },
  };
}

/** Backward kernel: inputs x, kernel, recurrentKernel, h, gates, cells, dh -> [dx, dKernel, dRecurrentKernel, dBias]. */
export function lstmGradKernelConfig(addon: NativeKernelAddon, backendName: string): KernelConfig {
  return {
    kernelName: LSTM_GRAD_KERNEL,
    backendName,
    kernelFunc: ({ inputs, backend: anyBackend, attrs }) => {
      const backend = anyBackend as CpuBackendLike;
      const { batch, steps, inputDim, units, values, layer } = lstmInputs(inputs, backend);
      const [dx, dKernel, dRecurrentKernel, dBias] = addon.lstmBackward(
        ...layer,
        values('h'),
        values('gates'),
        values('cells'),
        values('dh'),
        recurrentActivationOf(attrs),
      );
      return [
        backend.makeTensorInfo([batch, steps, inputDim], 'float32', dx),
        backend.makeTensorInfo([inputDim, 4 * units], 'float32', dKernel),
        backend.makeTensorInfo([units, 4 * units], 'float32', dRecurrentKernel),
        backend.makeTensorInfo([4 * units], 'float32', dBias),
      ];
    },
  };
}

/**
 * Gradient of the fused LSTM. The backward kernel runs once, eagerly, inside tfjs's backward scope
 * (which disposes whatever is not used); the per-input functions only hand out its results.
 */
export function lstmGradConfig(tf: Tf): GradConfig {
  return {
    kernelName: LSTM_KERNEL,
    inputsToSave: ['x', 'kernel', 'recurrentKernel'],
    outputsToSave: [true, true, true],
    gradFunc: (dy, saved, attrs) => {
      const dh = (Array.isArray(dy) ? dy[0] : dy) as Tensor;
      const [x, kernel, recurrentKernel, h, gates, cells] = saved;
      const [dx, dKernel, dRecurrentKernel, dBias] = tf
        .engine()
        .runKernel(LSTM_GRAD_KERNEL, { x, kernel, recurrentKernel, h, gates, cells, dh }, attrs) as Tensor[];
      return {
        x: () => dx,
        kernel: () => dKernel,
        recurrentKernel: () => dRecurrentKernel,
        bias: () => dBias,
      };
    },
  };
}
