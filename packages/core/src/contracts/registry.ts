import { SerkitError } from '../errors.js';
import type { DatasetPlugin } from './dataset.js';
import type { FeatureExtractor } from './features.js';
import type { ModelPlugin } from './model.js';
import { CONTRACT_VERSION } from './version.js';

export type AnyPlugin = DatasetPlugin | FeatureExtractor | ModelPlugin;
export type PluginKind = AnyPlugin['kind'];

export interface RegisteredPlugin<P extends AnyPlugin = AnyPlugin> {
  readonly plugin: P;
  /** The npm package the plugin came from. */
  readonly source: string;
}

/**
 * Holds the plugins of a run. Plugins add themselves from their oclif `serkit:register` hook:
 *
 * @example
 * // my-plugin/src/register.ts — declared in package.json as "oclif": { "hooks": { "serkit:register": "./dist/register.js" } }
 * import type { RegisterHookOptions } from '@serkit/core';
 * export default async function register({ registry }: RegisterHookOptions) { registry.add(myDataset, 'my-plugin'); }
 */
export class PluginRegistry {
  readonly #plugins = new Map<string, RegisteredPlugin>();

  add(plugin: AnyPlugin, source: string): void {
    if (plugin.contractVersion !== CONTRACT_VERSION) {
      throw new SerkitError(
        'CONTRACT_VERSION',
        `${plugin.kind} plugin '${plugin.id}' was built for serkit contract v${String(plugin.contractVersion)}, this serkit speaks v${CONTRACT_VERSION}`,
        { input: source },
      );
    }
    const key = `${plugin.kind}:${plugin.id}`;
    const existing = this.#plugins.get(key);
    if (existing !== undefined && existing.source !== source) {
      throw new SerkitError('PLUGIN_LOAD', `${plugin.kind} '${plugin.id}' is already provided by ${existing.source}`, {
        input: source,
      });
    }
    this.#plugins.set(key, { plugin, source });
  }

  list(kind?: PluginKind): RegisteredPlugin[] {
    return [...this.#plugins.values()].filter((entry) => kind === undefined || entry.plugin.kind === kind);
  }

  dataset(id: string): DatasetPlugin {
    return this.#get('dataset', id) as DatasetPlugin;
  }

  features(id: string): FeatureExtractor {
    return this.#get('features', id) as FeatureExtractor;
  }

  model(id: string): ModelPlugin {
    return this.#get('model', id) as ModelPlugin;
  }

  #get(kind: PluginKind, id: string): AnyPlugin {
    const entry = this.#plugins.get(`${kind}:${id}`);
    if (entry === undefined) {
      const known = this.list(kind)
        .map((e) => e.plugin.id)
        .join(', ');
      throw new SerkitError('NOT_FOUND', `no ${kind} plugin '${id}' is installed (installed: ${known || 'none'})`, {
        input: id,
      });
    }
    return entry.plugin;
  }
}

/** Options passed to every plugin's `serkit:register` hook. */
export interface RegisterHookOptions {
  readonly registry: PluginRegistry;
}
