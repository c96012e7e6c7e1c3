import { PluginRegistry, type SerkitError } from '@serkit/core';
import { toSerkitError } from '../errors.js';

/** A plugin package whose `serkit:register` hook threw, timed out or did not load. */
export interface PluginFailure {
  /** The npm package name of the plugin. */
  readonly plugin: string;
  readonly error: SerkitError;
}

export interface LoadedRegistry {
  readonly registry: PluginRegistry;
  readonly failures: readonly PluginFailure[];
}

/** What `registerPlugins` needs from oclif's Config (kept narrow so tests can pass a stand-in). */
export interface HookRunner {
  runHook(
    event: string,
    options: Record<string, unknown>,
    timeout?: number,
    captureErrors?: boolean,
  ): Promise<{ failures: { error: Error; plugin: { name: string } }[] }>;
}

/**
 * A hook that has not returned after this long is reported as failed (a plugin must not hang the
 * CLI). Default 10 s; $SERKIT_PLUGIN_TIMEOUT_MS overrides it.
 */
export function registerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SERKIT_PLUGIN_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : 10_000;
}

/**
 * Runs every installed plugin's `serkit:register` hook (oclif runs them concurrently) and collects
 * the failures by plugin name; the plugins that registered keep working.
 */
export async function registerPlugins(runner: HookRunner): Promise<LoadedRegistry> {
  const registry = new PluginRegistry();
  const timeout = registerTimeoutMs();
  // oclif's hook timer is unref'd: with a hook that awaits forever and nothing else pending, Node
  // would exit mid-await (status 13) instead of reporting the timeout. Hold the loop open until then.
  const keepAlive = setTimeout(() => {}, timeout + 1000);
  const result = await runner
    .runHook('serkit:register', { registry }, timeout, true)
    .finally(() => clearTimeout(keepAlive));
  const failures = result.failures.map(({ error, plugin }) => ({
    plugin: plugin.name,
    error: toSerkitError(error, 'PLUGIN_LOAD', plugin.name),
  }));
  return { registry, failures };
}
