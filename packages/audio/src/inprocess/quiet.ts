/**
 * Runs `fn` with console.error silenced: the WebAssembly decoders print decode errors themselves;
 * serkit reports them as SerkitErrors instead, once, with the file name.
 */
export function quietly<T>(fn: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return fn();
  } finally {
    console.error = original;
  }
}
