import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { NativeKernelAddon } from './addon.js';
import { type CpuBackendLike, float32Values, type Tf } from './types.js';

const NATIVE_ACTIVATIONS = new Set(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid']);

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/** A bias the native kernel can add row by row: one value, or the last dimension's n values. */
function isRowBias(bias: TensorInfo, n: number): boolean {
  const size = product(bias.shape);
  if (size === 1) return true;
  return size === n && bias.shape[bias.shape.length - 1] === n;
}

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
    const { transposeA, transposeB, activation, alpha } = readAttrs(attrs);
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
      product(outer) === batch &&
      NATIVE_ACTIVATIONS.has(activation) &&
      inputs.preluActivationWeights == null &&
      (bias == null || (bias.dtype === 'float32' && isRowBias(bias, n)));
    if (!native) return fallback.kernelFunc(args);
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
      activation,
      alpha,
    );
    return backend.makeTensorInfo([...outer, m, n], 'float32', values);
  };
}

function readAttrs(attrs: NamedAttrMap | undefined) {
  return {
    transposeA: attrs?.transposeA === true,
    transposeB: attrs?.transposeB === true,
    // BatchMatMul has no activation; tfjs's fused.matMul defaults leakyreluAlpha to 0.2.
    activation: typeof attrs?.activation === 'string' ? attrs.activation : 'linear',
    alpha: typeof attrs?.leakyreluAlpha === 'number' ? attrs.leakyreluAlpha : 0.2,
  };
}
