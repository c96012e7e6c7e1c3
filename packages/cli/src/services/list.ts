import type { PluginKind, PluginRegistry } from '@serkit/core';
import type { PluginFailure } from './registry.js';

export interface PluginSummary {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  /** The npm package the plugin comes from. */
  readonly source: string;
  /** Extractors: 'vector' or 'sequence'; models: the outputs they accept. */
  readonly detail?: string;
}

export interface PluginList {
  readonly datasets: PluginSummary[];
  readonly extractors: PluginSummary[];
  readonly models: PluginSummary[];
  readonly failures: { readonly plugin: string; readonly code: string; readonly reason: string }[];
}

/** The installed plugins by kind, sorted by id, and the plugin packages that failed to load. */
export function listPlugins(registry: PluginRegistry, failures: readonly PluginFailure[]): PluginList {
  const summaries = (kind: PluginKind) =>
    registry
      .list(kind)
      .map(({ plugin, source }) => ({
        id: plugin.id,
        version: plugin.version,
        description: plugin.description,
        source,
        ...(plugin.kind === 'model' ? { detail: `accepts ${plugin.accepts.join(', ')}` } : {}),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
  return {
    datasets: summaries('dataset'),
    extractors: summaries('features'),
    models: summaries('model'),
    failures: failures.map(({ plugin, error }) => ({ plugin, code: error.code, reason: error.reason })),
  };
}
