export { loadKernelAddon, type NativeKernelAddon } from './addon.js';
export { BATCH_NORM_GRAD_KERNEL, BATCH_NORM_KERNEL } from './batch-norm-kernel.js';
export type { NativeBatchNormFactory } from './batch-norm-layer.js';
export { LSTM_GRAD_KERNEL, LSTM_KERNEL } from './lstm-kernel.js';
export type { NativeBidirectionalFactory, NativeLstmFactory } from './lstm-layer.js';
export {
  NATIVE_BACKEND,
  type NativeKernelOptions,
  type NativeKernelRegistration,
  registerNativeKernels,
} from './register.js';
