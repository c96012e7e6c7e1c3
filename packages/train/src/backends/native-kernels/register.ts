import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs';
import { loadKernelAddon, type NativeKernelAddon } from './addon.js';
import {
  BATCH_NORM_GRAD_KERNEL,
  BATCH_NORM_KERNEL,
  batchNormGradConfig,
  batchNormGradKernelConfig,
  batchNormKernelConfig,
  hasBatchNorm,
} from './batch-norm-kernel.js';
import { type NativeBatchNormFactory, nativeBatchNormLayer } from './batch-norm-layer.js';
import {
  nativeConv2dBackpropFilterKernel,
  nativeConv2dBackpropInputKernel,
  nativeConv2dKernel,
  nativeFusedConv2dKernel,
} from './conv2d-kernel.js';
import { BINARY_KERNELS, nativeBinaryKernel, nativeUnaryKernel, UNARY_KERNELS } from './elementwise-kernel.js';
import {
  LSTM_GRAD_KERNEL,
  LSTM_KERNEL,
  lstmGradConfig,
  lstmGradKernelConfig,
  lstmKernelConfig,
} from './lstm-kernel.js';
import { type NativeBidirectionalFactory, type NativeLstmFactory, nativeLstmLayers } from './lstm-layer.js';
import { nativeMatMulKernel } from './matmul-kernel.js';
import {
  nativeMaxPoolGradKernel,
  nativeMaxPoolKernel,
  nativeReduceKernel,
  nativeTileKernel,
} from './reduce-pool-kernel.js';
import type { Tf } from './types.js';

/** Name of the backend the native kernels live in. */
export const NATIVE_BACKEND = 'native';

export interface NativeKernelRegistration {
  /** The backend to pass to `tf.setBackend`: 'native'. */
  backendName: string;
  /** Kernels with native implementations (the other kernels are the cpu backend's). */
  kernels: string[];
  /** The GEMM behind them: 'openblas', 'blas' or 'portable'. */
  gemm: string;
  /** Threads the GEMM runs on (see NativeKernelOptions.gemmThreads). */
  gemmThreads: number;
  /** Sets the GEMM's threads (process-wide for OpenBLAS) and returns the count in effect. */
  setGemmThreads(threads: number): number;
  /** Whether malloc now keeps freed memory for reuse (see NativeKernelOptions.retainFreedMemory). */
  retainsFreedMemory: boolean;
  /** `tf.layers.lstm` with a fused native forward/backward pass on this backend (see lstm-layer.ts). */
  lstm: NativeLstmFactory;
  /** `tf.layers.bidirectional` whose LSTM directions are native ones (see lstm-layer.ts). */
  bidirectional: NativeBidirectionalFactory;
  /**
   * `tf.layers.batchNormalization` whose training pass is one fused native kernel each way (see
   * batch-norm-layer.ts); tfjs's own when the addon predates it.
   */
  batchNormalization: NativeBatchNormFactory;
}

export interface NativeKernelOptions {
  /** The addon to use. Default: @serkit/native's (null: none, as when it is not built). */
  addon?: NativeKernelAddon | null;
  /**
   * OpenBLAS threads. Default: OpenBLAS's own (one per core, or OPENBLAS_NUM_THREADS). On a busy
   * 2-core machine 1 thread measured faster (BENCHMARKS.md, train-epoch: 'native-1t'): the recurrent
   * GEMMs are small and waiting threads spin.
   */
  gemmThreads?: number;
  /**
   * Let the process's malloc keep freed memory for reuse (default true): training frees and
   * allocates tensors of the same megabyte sizes at every step, and fresh memory from the system
   * costs page faults and zero fills each time (13-16 % of a cnn-logmel step on glibc). The heap
   * then stays at its high-water mark. Process-wide: meant for a process that trains.
   */
  retainFreedMemory?: boolean;
}

const registrations = new WeakMap<Tf, NativeKernelRegistration>();

/**
 * Registers the backend 'native' in `tf`: a copy of the cpu backend (same MathBackendCPU class,
 * all of its kernels) whose hot kernels are replaced by the addon's: BatchMatMul and _FusedMatMul on
 * BLAS, Conv2D/FusedConv2D and their two gradients as im2col + GEMM, MaxPool and its gradient, Tile, Sum/Mean
 * over contiguous axes, the elementwise ops that dominate the optimizer step, a fused
 * whole-sequence LSTM kernel with its gradient, and batch normalisation in training as one kernel
 * each way. A backend of its own (rather than
 * overriding 'cpu' in place) keeps plain 'cpu' available as the reference and makes the choice
 * explicit: `tf.setBackend('native')`. Registered with priority 0, so it is never picked implicitly.
 * Returns null when the addon is not built; calling it again returns the first registration.
 */
export function registerNativeKernels(tf: Tf, options: NativeKernelOptions = {}): NativeKernelRegistration | null {
  const existing = registrations.get(tf);
  if (existing !== undefined) return existing;
  const addon = options.addon === undefined ? loadKernelAddon() : options.addon;
  if (addon === null) return null;
  const cpuFactory = tf.findBackendFactory('cpu');
  if (cpuFactory == null) return null;

  const backendName = NATIVE_BACKEND;
  // Each native kernel gets the cpu kernel it replaces, for the inputs it does not cover.
  const native = new Map<string, (cpu: KernelConfig) => KernelFunc>([
    ['BatchMatMul', (cpu) => nativeMatMulKernel(tf, addon, cpu)],
    ['_FusedMatMul', (cpu) => nativeMatMulKernel(tf, addon, cpu)],
  ]);
  native.set('Conv2D', (cpu) => nativeConv2dKernel(tf, addon, cpu));
  native.set('FusedConv2D', (cpu) => nativeFusedConv2dKernel(tf, addon, cpu));
  native.set('Sum', (cpu) => nativeReduceKernel(tf, addon, 'sum', cpu));
  native.set('Mean', (cpu) => nativeReduceKernel(tf, addon, 'mean', cpu));
  native.set('MaxPool', (cpu) => nativeMaxPoolKernel(tf, addon, cpu));
  native.set('MaxPoolGrad', (cpu) => nativeMaxPoolGradKernel(tf, addon, cpu));
  native.set('Tile', (cpu) => nativeTileKernel(addon, cpu));
  native.set('Conv2DBackpropInput', (cpu) => nativeConv2dBackpropInputKernel(tf, addon, cpu));
  native.set('Conv2DBackpropFilter', (cpu) => nativeConv2dBackpropFilterKernel(tf, addon, cpu));
  for (const [name, op] of BINARY_KERNELS) native.set(name, (cpu) => nativeBinaryKernel(tf, addon, op, cpu));
  for (const [name, op] of UNARY_KERNELS) native.set(name, (cpu) => nativeUnaryKernel(addon, op, cpu));
  tf.registerBackend(backendName, cpuFactory, 0);
  for (const config of tf.getKernelsForBackend('cpu')) {
    const override = native.get(config.kernelName);
    tf.registerKernel({ ...config, backendName, kernelFunc: override ? override(config) : config.kernelFunc });
  }
  tf.registerKernel(lstmKernelConfig(addon, backendName));
  tf.registerKernel(lstmGradKernelConfig(addon, backendName));
  tf.registerGradient(lstmGradConfig(tf));
  const fusedKernels = [LSTM_KERNEL, LSTM_GRAD_KERNEL];
  if (hasBatchNorm(addon)) {
    tf.registerKernel(batchNormKernelConfig(addon, backendName));
    tf.registerKernel(batchNormGradKernelConfig(addon, backendName));
    tf.registerGradient(batchNormGradConfig(tf));
    fusedKernels.push(BATCH_NORM_KERNEL, BATCH_NORM_GRAD_KERNEL);
  }

  if (options.gemmThreads !== undefined) addon.setGemmThreads?.(options.gemmThreads);
  const retainsFreedMemory = options.retainFreedMemory !== false && (addon.retainFreedMemory?.() ?? false);
  const registration: NativeKernelRegistration = {
    backendName,
    kernels: [...native.keys(), ...fusedKernels],
    gemm: addon.kernelsGemm,
    gemmThreads: addon.gemmThreads?.() ?? 1,
    setGemmThreads: (threads) => addon.setGemmThreads?.(threads) ?? 1,
    retainsFreedMemory,
    ...nativeLstmLayers(tf),
    batchNormalization: hasBatchNorm(addon) ? nativeBatchNormLayer(tf) : (args) => tf.layers.batchNormalization(args),
  };
  registrations.set(tf, registration);
  return registration;
}
