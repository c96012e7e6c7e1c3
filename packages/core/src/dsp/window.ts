import type { WindowName } from './types.js';
import { checkInteger, checkOneOf } from './validate.js';

export const WINDOW_NAMES: readonly WindowName[] = ['hann', 'hamming', 'rectangular'];

/**
 * A periodic ("DFT-even") window of `length` samples, as `scipy.signal.get_window(name, length,
 * fftbins=True)`, which librosa uses: hann = 0.5 - 0.5·cos(2πn/N), hamming = 0.54 - 0.46·cos(2πn/N).
 */
export function getWindow(name: WindowName, length: number): Float64Array {
  checkOneOf(name, 'window', WINDOW_NAMES);
  checkInteger(length, 'winLength', 1, 2 ** 20);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const c = Math.cos((2 * Math.PI * i) / length);
    out[i] = name === 'hann' ? 0.5 - 0.5 * c : name === 'hamming' ? 0.54 - 0.46 * c : 1;
  }
  return out;
}

/** `window` centred in `size` zeros (librosa.util.pad_center): left pad floor((size - n) / 2). */
export function padCenter(window: Float64Array, size: number): Float64Array {
  const out = new Float64Array(size);
  out.set(window, Math.floor((size - window.length) / 2));
  return out;
}
