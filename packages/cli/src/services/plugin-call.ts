import { type RegisteredPlugin, SerkitError } from '@serkit/core';
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
    if (looksLikeSerkitError(error)) throw toSerkitError(error);
    const { kind, id } = entry.plugin;
    const message = error instanceof Error ? error.message : String(error);
    throw new SerkitError('PLUGIN_FAILED', `${kind} plugin '${id}' failed while ${action}: ${message}`, {
      input: entry.source,
      cause: error,
    });
  }
}
