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

  /**
   * Adds `plugin`, provided by the npm package `source`. Throws CONTRACT_VERSION when the plugin was
   * built for another contract version, PLUGIN_LOAD when it is malformed or its id is taken.
   */
  add(plugin: AnyPlugin, source: string): void {
    if (plugin === null || typeof plugin !== 'object') {
      throw new SerkitError('PLUGIN_LOAD', 'registered something that is not a plugin object', { input: source });
    }
    // Checked before the shape: a plugin for another contract version may legitimately look different.
    if (plugin.contractVersion !== CONTRACT_VERSION) {
      throw new SerkitError(
        'CONTRACT_VERSION',
        `${String(plugin.kind)} plugin '${String(plugin.id)}' was built for serkit plugin contract v${String(plugin.contractVersion)}, but this serkit speaks v${CONTRACT_VERSION}: install a version of the plugin made for this serkit`,
        { input: source },
      );
    }
    validateShape(plugin, source);
    const key = `${plugin.kind}:${plugin.id}`;
    const existing = this.#plugins.get(key);
    if (existing !== undefined && existing.source !== source) {
      throw new SerkitError('PLUGIN_LOAD', `${plugin.kind} '${plugin.id}' is already provided by ${existing.source}`, {
        input: source,
      });
    }
    this.#plugins.set(key, { plugin, source });
  }

  /** The registered plugins (of one `kind`), in registration order. */
  list(kind?: PluginKind): RegisteredPlugin[] {
    return [...this.#plugins.values()].filter((entry) => kind === undefined || entry.plugin.kind === kind);
  }

  /** The entry (plugin + source package) of `kind` `id`; NOT_FOUND names the installed ones. */
  entry(kind: PluginKind, id: string): RegisteredPlugin {
    const entry = this.#plugins.get(`${kind}:${id}`);
    if (entry === undefined) {
      const known = this.list(kind)
        .map((e) => e.plugin.id)
        .join(', ');
      throw new SerkitError('NOT_FOUND', `no ${kind} plugin '${id}' is installed (installed: ${known || 'none'})`, {
        input: id,
      });
    }
    return entry;
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
    return this.entry(kind, id).plugin;
  }
}

const KINDS: readonly string[] = ['dataset', 'features', 'model'];
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const METHOD: Readonly<Record<PluginKind, string>> = { dataset: 'scan', features: 'configure', model: 'build' };

/** Checks what TypeScript cannot: plugins arrive as plain JavaScript from other packages. */
function validateShape(plugin: unknown, source: string): asserts plugin is AnyPlugin {
  const fail = (reason: string): never => {
    throw new SerkitError('PLUGIN_LOAD', reason, { input: source });
  };
  const p = plugin as Record<string, unknown>;
  if (typeof p.kind !== 'string' || !KINDS.includes(p.kind)) {
    fail(`plugin kind must be one of ${KINDS.join(', ')} (got ${JSON.stringify(p.kind)})`);
  }
  const kind = p.kind as PluginKind;
  if (typeof p.id !== 'string' || !ID_PATTERN.test(p.id)) {
    fail(`${kind} plugin id must match ${ID_PATTERN} (got ${JSON.stringify(p.id)})`);
  }
  if (typeof p.version !== 'string' || p.version === '') fail(`${kind} plugin '${String(p.id)}' has no version`);
  if (typeof p[METHOD[kind]] !== 'function') fail(`${kind} plugin '${String(p.id)}' has no ${METHOD[kind]}() method`);
}

/** Options passed to every plugin's `serkit:register` hook. */
export interface RegisterHookOptions {
  readonly registry: PluginRegistry;
}
