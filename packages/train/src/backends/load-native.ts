import type { Tfjs } from '@serkit/core';
import type { BackendLoad } from './load-tfjs-node.js';

type LstmFactory = Tfjs['layers']['lstm'];
type BatchNormFactory = Tfjs['layers']['batchNormalization'];

/** What the native kernels module (./native-kernels/, the C++ addon's tfjs kernels) exports. */
interface NativeKernelsModule {
  /** Registers the addon's kernels as a tfjs backend; null when the addon is not built. */
  registerNativeKernels(tf: Tfjs): {
    backendName: string;
    gemm?: string;
    lstm?: LstmFactory;
    batchNormalization?: BatchNormFactory;
    setGemmThreads?(threads: number): number;
  } | null;
}

// Held in a variable: the module is written separately and may be absent from a build.
const NATIVE_KERNELS_MODULE = './native-kernels/index.js';

let nativeLstm: LstmFactory | undefined;
let nativeBatchNorm: BatchNormFactory | undefined;
let gemmThreadsSetter: ((threads: number) => number) | undefined;

/** Registers the C++ CPU kernels of the @serkit/native addon as a tfjs backend. */
export async function loadNative(tf: Tfjs): Promise<BackendLoad> {
  let mod: Partial<NativeKernelsModule>;
  try {
    mod = (await import(NATIVE_KERNELS_MODULE)) as Partial<NativeKernelsModule>;
  } catch (error) {
    return { ok: false, reason: `the native kernels module is not part of this build (${(error as Error).message})` };
  }
  if (typeof mod.registerNativeKernels !== 'function') {
    return { ok: false, reason: 'the native kernels module does not export registerNativeKernels' };
  }
  try {
    const registration = mod.registerNativeKernels(tf);
    if (registration == null)
      return {
        ok: false,
        reason:
          'no @serkit/native addon with training kernels (build it: npm run build:addon -w @serkit/native; an older build lacks them)',
      };
    nativeLstm = registration.lstm;
    nativeBatchNorm = registration.batchNormalization;
    gemmThreadsSetter = registration.setGemmThreads;
    return {
      ok: true,
      tfjsBackend: registration.backendName,
      detail: `C++ kernels of the @serkit/native addon${registration.gemm ? ` (GEMM: ${registration.gemm})` : ''}`,
    };
  } catch (error) {
    return { ok: false, reason: `the @serkit/native kernels failed to register: ${(error as Error).message}` };
  }
}

/**
 * Sets the threads of the native backend's GEMM (OpenBLAS: process-wide), e.g. 1 in each of several
 * inference workers that already share the cores. No-op before the native backend has loaded.
 */
export function setNativeGemmThreads(threads: number): void {
  gemmThreadsSetter?.(threads);
}

/**
 * The tfjs namespace a model plugin should build with on `backend`: on 'native', `layers.lstm`
 * makes LSTMs whose whole sequence runs as one fused native kernel and `layers.batchNormalization`
 * layers whose training pass is fused too (same weights and class names, so saved models load
 * anywhere); elsewhere tfjs itself.
 */
export function tfForModels(tf: Tfjs, backend: string): Tfjs {
  if (backend !== 'native' || nativeLstm === undefined) return tf;
  const layers = { ...tf.layers, lstm: nativeLstm };
  if (nativeBatchNorm !== undefined) layers.batchNormalization = nativeBatchNorm;
  return { ...tf, layers } as Tfjs;
}
