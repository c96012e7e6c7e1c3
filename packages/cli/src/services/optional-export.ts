/**
 * Imports `specifier` and returns its export `name` when it is a function, else the reason it is
 * not available. Lets the CLI use functions that sibling packages add over time (and report
 * "unknown" instead of crashing when an older build lacks them).
 */
export async function optionalFunction<F extends (...args: never[]) => unknown>(
  specifier: string,
  name: string,
): Promise<{ ok: true; fn: F } | { ok: false; reason: string }> {
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `${specifier} could not be loaded: ${(error as Error).message}` };
  }
  const fn = module[name];
  if (typeof fn !== 'function') return { ok: false, reason: `${specifier} does not provide ${name}() in this build` };
  return { ok: true, fn: fn as F };
}
