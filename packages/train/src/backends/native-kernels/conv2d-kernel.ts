import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';
import { nativeEpilogue } from './fused-epilogue.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';
import { windowDims } from './window-dims.js';

type ConvInfo = ReturnType<Tf['backend_util']['computeConv2DInfo']>;

/** The conv geometry for NHWC float32 inputs, or null for what the native code leaves to tfjs (NCHW). */
function convInfoOf(tf: Tf, attrs: NamedAttrMap | undefined, xShape: number[], filterShape: number[]): ConvInfo | null {
  const dataFormat = (attrs?.dataFormat as string | undefined) ?? 'NHWC';
  if (dataFormat !== 'NHWC') return null;
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs?.strides as number | [number, number],
    (attrs?.dilations as number | [number, number] | undefined) ?? 1,
    attrs?.pad as 'valid' | 'same' | number,
    attrs?.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    'channelsLast',
  );
}

const isFloat = (...infos: TensorInfo[]) => infos.every((t) => t.dtype === 'float32');

/** Conv2D (tfjs's kernel, which Conv1D also uses) as im2col + GEMM. */
export function nativeConv2dKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    const filter = args.inputs.filter as TensorInfo;
    const info = isFloat(x, filter) ? convInfoOf(tf, args.attrs, x.shape, filter.shape) : null;
    if (info === null) return fallback.kernelFunc(args);
    const y = addon.conv2d(float32Values(backend, x), float32Values(backend, filter), windowDims(info));
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  };
}

/** Conv2DBackpropInput: the gradient of Conv2D with respect to its input. */
export function nativeConv2dBackpropInputKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const dy = args.inputs.dy as TensorInfo;
    const filter = args.inputs.filter as TensorInfo;
    const inputShape = args.attrs?.inputShape as number[];
    const info = isFloat(dy, filter) ? convInfoOf(tf, args.attrs, inputShape, filter.shape) : null;
    if (info === null) return fallback.kernelFunc(args);
    const dx = addon.conv2dBackpropInput(float32Values(backend, dy), float32Values(backend, filter), windowDims(info));
    return backend.makeTensorInfo(inputShape, 'float32', dx);
  };
}

/** Conv2DBackpropFilter: the gradient of Conv2D with respect to its filter. */
export function nativeConv2dBackpropFilterKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    const dy = args.inputs.dy as TensorInfo;
    const filterShape = args.attrs?.filterShape as number[];
    const info = isFloat(x, dy) ? convInfoOf(tf, args.attrs, x.shape, filterShape) : null;
    if (info === null) return fallback.kernelFunc(args);
    const dFilter = addon.conv2dBackpropFilter(float32Values(backend, x), float32Values(backend, dy), windowDims(info));
    return backend.makeTensorInfo(filterShape, 'float32', dFilter);
  };
}

/**
 * FusedConv2D (what tf.layers.conv2d runs): the native convolution with its bias and activation
 * applied image by image in the same call (addon kernels version >= 10; before that, as separate
 * native passes for relu, sigmoid and linear). Other activations and prelu run tfjs's cpu kernel.
 */
export function nativeFusedConv2dKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const inputs = args.inputs as Record<string, TensorInfo | undefined>;
    const x = inputs.x as TensorInfo;
    const filter = inputs.filter as TensorInfo;
    const epilogue = nativeEpilogue(inputs, args.attrs, filter.shape[3]);
    const info =
      isFloat(x, filter) && epilogue !== null && (addon.fusedConv2d !== undefined || SEPARATE.has(epilogue.activation))
        ? convInfoOf(tf, args.attrs, x.shape, filter.shape)
        : null;
    if (info === null || epilogue === null) return fallback.kernelFunc(args);
    const xs = float32Values(backend, x);
    const fs = float32Values(backend, filter);
    const bias = inputs.bias == null ? null : float32Values(backend, inputs.bias);
    const dims = windowDims(info);
    let y: Float32Array;
    if (addon.fusedConv2d !== undefined) {
      y = addon.fusedConv2d(xs, fs, dims, bias, epilogue.activation, epilogue.alpha);
    } else {
      y = addon.conv2d(xs, fs, dims);
      if (bias !== null) y = addon.binary('add', y, bias, y.length);
      if (epilogue.activation !== 'linear') y = addon.unary(epilogue.activation, y);
    }
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  };
}

/** The activations an addon without fusedConv2d applies as a separate unary pass. */
const SEPARATE = new Set(['linear', 'relu', 'sigmoid']);
