export { loadKernelAddon, type NativeKernelAddon } from './addon.js';
export { LSTM_GRAD_KERNEL, LSTM_KERNEL } from './lstm-kernel.js';
export type { NativeBidirectionalFactory, NativeLstmFactory } from './lstm-layer.js';
export {
  NATIVE_BACKEND,
  type NativeKernelOptions,
  type NativeKernelRegistration,
  registerNativeKernels,
} from './register.js';
