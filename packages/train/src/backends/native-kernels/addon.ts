import { loadAddon } from '@serkit/native';

/** The leading arguments of both LSTM functions: the input sequence, its sizes and the layer's weights. */
export type LstmLayerArgs = [
  x: Float32Array,
  batch: number,
  steps: number,
  inputDim: number,
  units: number,
  kernel: Float32Array,
  recurrentKernel: Float32Array,
];

/** The training-kernel functions of serkit's native addon (native/kernels). */
export interface NativeKernelAddon {
  readonly kernelsVersion: number;
  /** Which GEMM the kernels run: 'openblas', 'blas' or 'portable' (no BLAS found at build time). */
  readonly kernelsGemm: string;
  /** GEMM threads in effect (OpenBLAS; 1 for the portable loops). Addon kernels version >= 7. */
  gemmThreads?(): number;
  /** Sets OpenBLAS's thread count and returns the count in effect (others ignore it). Version >= 7. */
  setGemmThreads?(threads: number): number;
  /**
   * Keeps freed memory in the process heap for reuse (glibc's mallopt; see native/kernels/allocator.h):
   * true when applied, false where it does nothing. Process-wide.
   */
  retainFreedMemory?(): boolean;
  matMul(
    a: Float32Array,
    b: Float32Array,
    batchA: number,
    batchB: number,
    m: number,
    k: number,
    n: number,
    transposeA: boolean,
    transposeB: boolean,
    bias: Float32Array | null,
    activation: string,
    alpha: number,
  ): Float32Array;
  /** op: add | sub | mul | div | squaredDifference | maximum | minimum; a and b repeat along outSize. */
  binary(op: string, a: Float32Array, b: Float32Array, outSize: number): Float32Array;
  /** op: sqrt | square | neg | exp | relu | sigmoid | tanh | step (alpha: Step's value at and below 0). */
  unary(op: string, x: Float32Array, alpha?: number): Float32Array;
  /** dims: [batch, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW, padTop, padLeft]. */
  conv2d(x: Float32Array, filter: Float32Array, dims: readonly number[]): Float32Array;
  /** conv2d, then a bias of 1 or outC values and a fused activation, image by image (version >= 10). */
  fusedConv2d?(
    x: Float32Array,
    filter: Float32Array,
    dims: readonly number[],
    bias: Float32Array | null,
    activation: string,
    alpha: number,
  ): Float32Array;
  conv2dBackpropInput(dy: Float32Array, filter: Float32Array, dims: readonly number[]): Float32Array;
  conv2dBackpropFilter(x: Float32Array, dy: Float32Array, dims: readonly number[]): Float32Array;
  /** x viewed as [outer, mid, inner], reduced over mid (op: sum | mean) -> [outer, inner]. */
  reduce(op: 'sum' | 'mean', x: Float32Array, outer: number, mid: number, inner: number): Float32Array;
  /** dims as for conv2d (the filter size is the pooling window). */
  maxPoolGrad(dy: Float32Array, x: Float32Array, dims: readonly number[]): Float32Array;
  maxPool(x: Float32Array, dims: readonly number[]): Float32Array;
  tile(x: Float32Array, shape: readonly number[], reps: readonly number[]): Float32Array;
  /** x [rows x channels] (channels last) -> [y, mean, variance] (addon kernels version >= 9). */
  batchNorm?(
    x: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    channels: number,
    epsilon: number,
  ): [y: Float32Array, mean: Float32Array, variance: Float32Array];
  /** -> [dx, dgamma, dbeta] for batchNorm's y (version >= 9). */
  batchNormGrad?(
    dy: Float32Array,
    x: Float32Array,
    gamma: Float32Array,
    mean: Float32Array,
    variance: Float32Array,
    channels: number,
    epsilon: number,
  ): [dx: Float32Array, dgamma: Float32Array, dbeta: Float32Array];
  lstmForward(
    ...args: [...LstmLayerArgs, bias: Float32Array | null, recurrentActivation: string]
  ): [h: Float32Array, gates: Float32Array, cells: Float32Array];
  lstmBackward(
    ...args: [
      ...LstmLayerArgs,
      h: Float32Array,
      gates: Float32Array,
      cells: Float32Array,
      dh: Float32Array,
      recurrentActivation: string,
    ]
  ): [dx: Float32Array, dKernel: Float32Array, dRecurrentKernel: Float32Array, dBias: Float32Array];
}

const REQUIRED_VERSION = 6;

function isKernelAddon(value: unknown): value is NativeKernelAddon {
  const v = value as Partial<NativeKernelAddon> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.kernelsVersion === 'number' &&
    v.kernelsVersion >= REQUIRED_VERSION &&
    typeof v.matMul === 'function' &&
    typeof v.binary === 'function' &&
    typeof v.unary === 'function' &&
    typeof v.conv2d === 'function' &&
    typeof v.reduce === 'function' &&
    typeof v.maxPoolGrad === 'function' &&
    typeof v.maxPool === 'function' &&
    typeof v.tile === 'function' &&
    typeof v.lstmForward === 'function' &&
    typeof v.lstmBackward === 'function'
  );
}

/**
 * The addon's training kernels, or null when the addon is not built or is an older build without
 * them. The addon is found and loaded by @serkit/native (`SERKIT_NATIVE_ADDON`, else the repository's
 * build/Release/serkit_native.node).
 */
export function loadKernelAddon(): NativeKernelAddon | null {
  const addon: unknown = loadAddon();
  return isKernelAddon(addon) ? addon : null;
}
