import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';
import { type WindowInfo, windowDims } from './window-dims.js';

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * Sum or Mean of float32 values over a contiguous run of axes (batch norm's N, H, W; a loss's last
 * axis): x is then [outer, mid, inner] and the native code reduces mid. Other axis sets and dtypes
 * run tfjs's cpu kernel.
 */
export function nativeReduceKernel(
  tf: Tf,
  addon: NativeKernelAddon,
  op: 'sum' | 'mean',
  fallback: KernelConfig,
): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    if (x.dtype !== 'float32') return fallback.kernelFunc(args);
    const axes = tf.util.parseAxisParam(args.attrs?.axis as number | number[], x.shape).sort((a, b) => a - b);
    const contiguous = axes.length > 0 && axes.every((a, i) => a === axes[0] + i);
    if (!contiguous) return fallback.kernelFunc(args);
    const first = axes[0];
    const last = axes[axes.length - 1];
    const values = addon.reduce(
      op,
      float32Values(backend, x),
      product(x.shape.slice(0, first)),
      product(x.shape.slice(first, last + 1)),
      product(x.shape.slice(last + 1)),
    );
    const keepDims = args.attrs?.keepDims === true;
    const shape = keepDims
      ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d))
      : x.shape.filter((_, i) => !axes.includes(i));
    return backend.makeTensorInfo(shape, 'float32', values);
  };
}

function poolInfo(tf: Tf, attrs: NamedAttrMap | undefined, shape: number[]): WindowInfo {
  return tf.backend_util.computePool2DInfo(
    shape as [number, number, number, number],
    attrs?.filterSize as number | [number, number],
    attrs?.strides as number | [number, number],
    1,
    attrs?.pad as 'valid' | 'same' | number,
    attrs?.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
}

/** MaxPool on NHWC float32. */
export function nativeMaxPoolKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    if (x.dtype !== 'float32' || x.shape.length !== 4) return fallback.kernelFunc(args);
    const info = poolInfo(tf, args.attrs, x.shape);
    return backend.makeTensorInfo(info.outShape, 'float32', addon.maxPool(float32Values(backend, x), windowDims(info)));
  };
}

/** MaxPoolGrad on NHWC float32: each window's gradient goes to its first maximum. */
export function nativeMaxPoolGradKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const dy = args.inputs.dy as TensorInfo;
    const input = args.inputs.input as TensorInfo;
    if (dy.dtype !== 'float32' || input.dtype !== 'float32' || input.shape.length !== 4)
      return fallback.kernelFunc(args);
    const dims = windowDims(poolInfo(tf, args.attrs, input.shape));
    const dx = addon.maxPoolGrad(float32Values(backend, dy), float32Values(backend, input), dims);
    return backend.makeTensorInfo(input.shape, 'float32', dx);
  };
}

/** Tile of float32 values (batch norm's gradient tiles per-channel values over N, H, W). */
export function nativeTileKernel(addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    const reps = args.attrs?.reps as number[];
    if (x.dtype !== 'float32' || x.shape.length === 0 || reps.length !== x.shape.length)
      return fallback.kernelFunc(args);
    const values = addon.tile(float32Values(backend, x), x.shape, reps);
    return backend.makeTensorInfo(
      x.shape.map((d, i) => d * reps[i]),
      'float32',
      values,
    );
  };
}
