import type * as tfjs from '@tensorflow/tfjs';

/** The TensorFlow.js module the caller uses (injected so the kernels register into that instance). */
export type Tf = typeof tfjs;

/** The parts of tfjs's MathBackendCPU the native kernels use: its value store and output helper. */
export interface CpuBackendLike {
  data: { get(dataId: tfjs.DataId): { values?: unknown } };
  makeTensorInfo(shape: number[], dtype: tfjs.DataType, values?: Float32Array): tfjs.TensorInfo;
}

/**
 * The float32 values behind a tensor of the cpu-style backend: the stored array itself, or a copy
 * when tfjs stored a float32 tensor in another array type (some cpu kernels, e.g. casts from bool, do).
 */
export function float32Values(backend: CpuBackendLike, info: tfjs.TensorInfo): Float32Array {
  const values = backend.data.get(info.dataId).values;
  if (values instanceof Float32Array) return values;
  if (ArrayBuffer.isView(values) && !(values instanceof DataView))
    return Float32Array.from(values as unknown as ArrayLike<number>);
  throw new Error(`native kernels: expected numeric values for a ${info.dtype} tensor`);
}
