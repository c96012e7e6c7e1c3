import { type ConfiguredExtractor, type RegisteredPlugin, SerkitError } from '@serkit/core';
import { looksLikeSerkitError, toSerkitError } from '../errors.js';

/**
 * Runs `fn` (a call into a plugin) so that a plugin bug surfaces as a PLUGIN_FAILED error naming
 * the plugin and its package, never as an anonymous crash. SerkitErrors (deliberate, e.g. a bad
 * directory) pass through unchanged.
 */
export async function callPlugin<T>(entry: RegisteredPlugin, action: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw pluginError(entry, action, error);
  }
}

/** The synchronous twin of `callPlugin`, for calls made per item (e.g. `extract`). */
export function callPluginSync<T>(entry: RegisteredPlugin, action: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw pluginError(entry, action, error);
  }
}

/** `extractor` with `extract` guarded by `callPluginSync`, so a crash names the plugin in per-file failures. */
export function guardExtractor(entry: RegisteredPlugin, extractor: ConfiguredExtractor): ConfiguredExtractor {
  return {
    ...extractor,
    extract: (samples, context) =>
      callPluginSync(entry, 'extracting features', () => extractor.extract(samples, context)),
  };
}

function pluginError(entry: RegisteredPlugin, action: string, error: unknown): SerkitError {
  if (looksLikeSerkitError(error)) return toSerkitError(error);
  const { kind, id } = entry.plugin;
  const message = error instanceof Error ? error.message : String(error);
  return new SerkitError('PLUGIN_FAILED', `${kind} plugin '${id}' failed while ${action}: ${message}`, {
    input: entry.source,
    cause: error,
  });
}
