import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';

/** tfjs kernel name -> the addon's binary op. */
export const BINARY_KERNELS: ReadonlyMap<string, string> = new Map([
  ['Add', 'add'],
  ['Sub', 'sub'],
  ['Multiply', 'mul'],
  ['RealDiv', 'div'],
  ['SquaredDifference', 'squaredDifference'],
  ['Maximum', 'maximum'],
  ['Minimum', 'minimum'],
]);

/** tfjs kernel name -> the addon's unary op. */
export const UNARY_KERNELS: ReadonlyMap<string, string> = new Map([
  ['Sqrt', 'sqrt'],
  ['Square', 'square'],
  ['Neg', 'neg'],
  ['Exp', 'exp'],
  ['Relu', 'relu'],
  ['Sigmoid', 'sigmoid'],
  ['Tanh', 'tanh'],
  ['Step', 'step'],
]);

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);

/** True when `shape` repeats as a block along `out`: it is all of it, one value, or its trailing dims. */
function repeatsAlong(shape: readonly number[], out: readonly number[]): boolean {
  const n = size(shape);
  if (n === 1 || n === size(out)) return true;
  const core = shape.slice(shape.findIndex((d) => d !== 1));
  return core.length <= out.length && core.every((d, i) => d === out[out.length - core.length + i]);
}

/**
 * Binary elementwise kernel: float32 inputs whose broadcast is "same size, scalar or trailing row"
 * run natively; anything else (other dtypes, broadcasting inner dims) runs tfjs's cpu kernel.
 */
export function nativeBinaryKernel(tf: Tf, addon: NativeKernelAddon, op: string, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return fallback.kernelFunc(args);
    const out = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const n = size(out);
    const aFull = size(a.shape) === n;
    const bFull = size(b.shape) === n;
    if (!(aFull && repeatsAlong(b.shape, out)) && !(bFull && repeatsAlong(a.shape, out))) {
      return fallback.kernelFunc(args);
    }
    const values = addon.binary(op, float32Values(backend, a), float32Values(backend, b), n);
    return backend.makeTensorInfo(out, 'float32', values);
  };
}

/** Unary elementwise kernel on float32 inputs; other dtypes run tfjs's cpu kernel. */
export function nativeUnaryKernel(addon: NativeKernelAddon, op: string, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const backend = args.backend as CpuBackendLike;
    const x = args.inputs.x as TensorInfo;
    if (x.dtype !== 'float32') return fallback.kernelFunc(args);
    const alpha = typeof args.attrs?.alpha === 'number' ? args.attrs.alpha : 0;
    return backend.makeTensorInfo(x.shape, 'float32', addon.unary(op, float32Values(backend, x), alpha));
  };
}
