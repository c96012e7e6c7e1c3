import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';
import { nativeEpilogue } from './fused-epilogue.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * BatchMatMul and _FusedMatMul (tfjs's names) on the native GEMM. Cases the native code does not
 * cover (non-float32 inputs, batch broadcasting beyond "equal or 1", prelu, a bias that is not per
 * column) run tfjs's own cpu kernel, so every input tfjs accepts still works.
 */
export function nativeMatMulKernel(tf: Tf, addon: NativeKernelAddon, fallback: KernelConfig): KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as CpuBackendLike;
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    const bias = inputs.bias;
    const transposeA = attrs?.transposeA === true;
    const transposeB = attrs?.transposeB === true;
    const aRank = a.shape.length;
    const bRank = b.shape.length;
    const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
    const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
    const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
    const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
    const batchA = product(a.shape.slice(0, -2));
    const batchB = product(b.shape.slice(0, -2));
    const outer = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const batch = Math.max(batchA, batchB);
    const native =
      a.dtype === 'float32' &&
      b.dtype === 'float32' &&
      k === kB &&
      (batchA === batchB || batchA === 1 || batchB === 1) &&
      product(outer) === batch;
    const epilogue = native ? nativeEpilogue(inputs as Record<string, TensorInfo | undefined>, attrs, n) : null;
    if (epilogue === null) return fallback.kernelFunc(args);
    const values = addon.matMul(
      float32Values(backend, a),
      float32Values(backend, b),
      batchA,
      batchB,
      m,
      k,
      n,
      transposeA,
      transposeB,
      bias == null ? null : float32Values(backend, bias),
      epilogue.activation,
      epilogue.alpha,
    );
    return backend.makeTensorInfo([...outer, m, n], 'float32', values);
  };
}
