import type { Tfjs } from '@serkit/core';
import type { BackendLoad } from './load-tfjs-node.js';

/** What the native kernels module (./native-kernels/, the C++ addon's tfjs kernels) exports. */
interface NativeKernelsModule {
  /**
   * Registers the addon's kernels with `tf`. Returns the tfjs backend name to activate (or nothing
   * for 'cpu' with native kernels overriding its own); throws when the addon is not built.
   */
  registerNativeKernels(tf: Tfjs): unknown;
}

// Held in a variable: the module is written separately and may be absent from a build.
const NATIVE_KERNELS_MODULE = './native-kernels/index.js';

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
    const result = await mod.registerNativeKernels(tf);
    if (result === false) return { ok: false, reason: 'the @serkit/native addon is not built (npm run build:addon)' };
    const tfjsBackend = typeof result === 'string' ? result : tf.findBackendFactory('native') ? 'native' : 'cpu';
    return { ok: true, tfjsBackend, detail: 'C++ kernels of the @serkit/native addon' };
  } catch (error) {
    return { ok: false, reason: `the @serkit/native kernels failed to register: ${(error as Error).message}` };
  }
}
