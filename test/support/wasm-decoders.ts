import { NATIVE_DECODE_ENV } from '../../packages/audio/src/inprocess/native.js';

/** Runs `work` with the native decoder switched off (SERKIT_NATIVE_DECODE=0): the WebAssembly decoders decode. */
export async function viaWasm<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env[NATIVE_DECODE_ENV];
  process.env[NATIVE_DECODE_ENV] = '0';
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env[NATIVE_DECODE_ENV];
    else process.env[NATIVE_DECODE_ENV] = before;
  }
}
