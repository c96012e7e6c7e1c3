import type { PluginRegistry } from '@serkit/core';
import { describe, expect, it } from 'vitest';
import { type HookRunner, registerPlugins } from './registry.js';

/** Runs hooks like oclif's runHook with captureErrors: every hook sees the options, failures are collected. */
function runner(hooks: Record<string, (options: { registry: PluginRegistry }) => void>): HookRunner {
  return {
    async runHook(_event, options) {
      const failures: { error: Error; plugin: { name: string } }[] = [];
      for (const [name, hook] of Object.entries(hooks)) {
        try {
          hook(options as { registry: PluginRegistry });
        } catch (error) {
          failures.push({ error: error as Error, plugin: { name } });
        }
      }
      return { failures };
    },
  };
}

const dataset = (id: string, contractVersion = 1) =>
  ({
    kind: 'dataset',
    contractVersion,
    id,
    version: '1.0.0',
    description: '',
    labels: [],
    scan: async () => ({ items: [], problems: [] }),
  }) as never;

describe('registerPlugins', () => {
  it('keeps the plugins that registered and names the packages that failed', async () => {
    const { registry, failures } = await registerPlugins(
      runner({
        good: ({ registry }) => registry.add(dataset('good'), 'good'),
        broken: () => {
          throw new Error('cannot start');
        },
        future: ({ registry }) => registry.add(dataset('future', 2), 'future'),
      }),
    );
    expect(registry.list().map((e) => e.plugin.id)).toEqual(['good']);
    expect(failures.map((f) => [f.plugin, f.error.code, f.error.reason])).toEqual([
      ['broken', 'PLUGIN_LOAD', 'cannot start'],
      ['future', 'CONTRACT_VERSION', expect.stringContaining('contract v2')],
    ]);
  });
});
