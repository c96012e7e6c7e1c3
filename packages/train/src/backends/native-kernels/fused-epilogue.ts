import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';

/** The activations the addon applies after a product or convolution (native/kernels/activation.h). */
const NATIVE_ACTIVATIONS = new Set(['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'sigmoid']);

const product = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/** A bias the native kernel can add row by row: one value, or the last dimension's n values. */
function isRowBias(bias: TensorInfo, n: number): boolean {
  const size = product(bias.shape);
  if (size === 1) return true;
  return size === n && bias.shape[bias.shape.length - 1] === n;
}

/** A fused kernel's bias and activation, as the addon takes them. */
export interface FusedEpilogue {
  readonly activation: string;
  readonly alpha: number;
}

/**
 * The epilogue (bias + activation) of _FusedMatMul or FusedConv2D when the addon can apply it to
 * rows of `n` values, else null (prelu, an unknown activation, a bias that is not per column).
 */
export function nativeEpilogue(
  inputs: Record<string, TensorInfo | undefined>,
  attrs: NamedAttrMap | undefined,
  n: number,
): FusedEpilogue | null {
  const bias = inputs.bias;
  // BatchMatMul and Conv2D have no activation; tfjs's fused ops default leakyreluAlpha to 0.2.
  const activation = typeof attrs?.activation === 'string' ? attrs.activation : 'linear';
  const alpha = typeof attrs?.leakyreluAlpha === 'number' ? attrs.leakyreluAlpha : 0.2;
  const ok =
    NATIVE_ACTIVATIONS.has(activation) &&
    inputs.preluActivationWeights == null &&
    (bias == null || (bias.dtype === 'float32' && isRowBias(bias, n)));
  return ok ? { activation, alpha } : null;
}
