/** What the WebAssembly decoders print on their own (serkit reports these as SerkitErrors instead). */
const DECODER_NOISE = /^(libopus|@wasm-audio-decoders|mpg123|ogg-opus-decoder|libvorbis)/;

let depth = 0;
let original: typeof console.error | undefined;

/**
 * Runs `fn` (sync or async) with the decoders' own console.error messages dropped: they would
 * print a line per corrupt frame; serkit reports the file once, as a SerkitError naming it. Other
 * messages printed meanwhile pass through untouched.
 */
export async function quietly<T>(fn: () => T | Promise<T>): Promise<T> {
  if (depth++ === 0) {
    original = console.error;
    const passOn = original;
    console.error = (...args: unknown[]) => {
      const first = args[0] instanceof Error ? args[0].message : String(args[0]);
      if (!DECODER_NOISE.test(first)) passOn(...args);
    };
  }
  try {
    return await fn();
  } finally {
    if (--depth === 0 && original) {
      console.error = original;
      original = undefined;
    }
  }
}
